#!/usr/bin/python3
"""Makes one gRPC call with a request body as h2load sends it.

  grpc_call.py HOST:PORT /package.Service/Method BODY > RESPONSE

BODY is a length-prefixed gRPC message (1 byte flag 0, 4 bytes big-endian
length, the serialized request): exactly the file h2load is given. The call
goes through a real gRPC client (Debian's python3-grpcio), so that a wrong
body shows as a gRPC error here, where h2load would count it as a success
(it reads HTTP statuses, not grpc-status trailers). Writes the serialized
response to standard output; on a gRPC error prints its code and message and
exits with status 1.
"""

import struct
import sys

import grpc


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: grpc_call.py HOST:PORT /package.Service/Method BODY")
    target, method, body_path = sys.argv[1:]
    with open(body_path, "rb") as body_file:
        body = body_file.read()
    if len(body) < 5 or body[0] != 0 or \
            struct.unpack(">I", body[1:5])[0] != len(body) - 5:
        sys.exit("grpc_call: %s is not one length-prefixed gRPC message" % body_path)
    with grpc.insecure_channel(target) as channel:
        call = channel.unary_unary(method)  # bytes in, bytes out
        try:
            response = call(body[5:], timeout=10)
        except grpc.RpcError as error:
            print("grpc_call: %s: %s: %s" % (method, error.code().name,
                                              error.details()), file=sys.stderr)
            sys.exit(1)
    sys.stdout.buffer.write(response)


if __name__ == "__main__":
    main()
