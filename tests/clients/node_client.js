// A Node client of scorecardd (@grpc/grpc-js): validates a scorecard, then
// reads the field violations of a request the server refuses.
//
// Usage: node node_client.js HOST:PORT REQUEST.json PROTO_DIR GOOGLEAPIS_DIR
// (REQUEST.json: a ValidateScorecardRequest in the proto3 JSON mapping;
// GOOGLEAPIS_DIR holds google/rpc/status.proto and error_details.proto.)
const fs = require("fs");
const path = require("path");
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
const protobuf = require("protobufjs");

const [address, requestPath, protoDir, googleapisDir] = process.argv.slice(2);

const definition = protoLoader.loadSync("scorecard/v1/scorecard_service.proto", {
  includeDirs: [protoDir],
  keepCase: false,  // Fields in lowerCamelCase, as in the JSON mapping.
  defaults: true,
});
const v1 = grpc.loadPackageDefinition(definition).scorecard.v1;
const client = new v1.ScorecardService(address, grpc.credentials.createInsecure());

// google.rpc.Status and its details, to decode grpc-status-details-bin.
const rpc = new protobuf.Root();
rpc.resolvePath = (origin, target) =>
  target.startsWith("google/protobuf/") ? target : path.join(googleapisDir, target);
rpc.loadSync(["google/rpc/status.proto", "google/rpc/error_details.proto"],
             { keepCase: true });
const Status = rpc.lookupType("google.rpc.Status");
const BadRequest = rpc.lookupType("google.rpc.BadRequest");
const ErrorInfo = rpc.lookupType("google.rpc.ErrorInfo");

function printDetails(error) {
  const [bytes] = error.metadata.get("grpc-status-details-bin");
  for (const detail of Status.decode(bytes).details) {
    if (detail.type_url.endsWith("/google.rpc.BadRequest")) {
      for (const violation of BadRequest.decode(detail.value).field_violations) {
        console.log(`field ${violation.field}: ${violation.description}`);
      }
    } else if (detail.type_url.endsWith("/google.rpc.ErrorInfo")) {
      const info = ErrorInfo.decode(detail.value);
      console.log(`reason ${info.reason} (${info.domain})`);
    }
  }
}

const request = JSON.parse(fs.readFileSync(requestPath, "utf8"));
const deadline = () => new Date(Date.now() + 30000);
client.ValidateScorecard(request, { deadline: deadline() }, (error, response) => {
  if (error) throw error;
  const result = response.result;
  console.log(`${result.unitName}: total ${result.computedTotal}, ` +
              `${result.valid ? "valid" : "invalid"}, revision ${result.ruleSetRevision}`);

  request.scorecard.ruleSet = "";  // The server refuses this one.
  client.ValidateScorecard(request, { deadline: deadline() }, (refused) => {
    console.log(`refused: ${grpc.status[refused.code]}: ${refused.details}`);
    printDetails(refused);
    client.close();
  });
});
