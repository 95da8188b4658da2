"""A Python client of scorecardd: validates a scorecard, then reads the
field violations of a request the server refuses.

Usage: python3 python_client.py HOST:PORT REQUEST.json
(REQUEST.json: a ValidateScorecardRequest in the proto3 JSON mapping.)
"""
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2, status_pb2
from scorecard.v1 import scorecard_service_pb2, scorecard_service_pb2_grpc


def error_details(error):
    """Returns the google.rpc.Status a failed call carries, or None."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    return None


def main(address, request_path):
    stub = scorecard_service_pb2_grpc.ScorecardServiceStub(
        grpc.insecure_channel(address))
    with open(request_path, encoding="utf-8") as request_file:
        request = json_format.Parse(
            request_file.read(), scorecard_service_pb2.ValidateScorecardRequest())

    response = stub.ValidateScorecard(request, timeout=30)
    result = response.result
    print(f"{result.unit_name}: total {result.computed_total}, "
          f"{'valid' if result.valid else 'invalid'}, "
          f"revision {result.rule_set_revision}")

    request.scorecard.rule_set = ""  # The server refuses this one.
    try:
        stub.ValidateScorecard(request, timeout=30)
    except grpc.RpcError as error:
        print(f"refused: {error.code().name}: {error.details()}")
        for detail in error_details(error).details:
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad_request = error_details_pb2.BadRequest()
                detail.Unpack(bad_request)
                for violation in bad_request.field_violations:
                    print(f"field {violation.field}: {violation.description}")
            elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                print(f"reason {info.reason} ({info.domain})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
