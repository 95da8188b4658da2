// A Go client of scorecardd: validates a scorecard, then reads the field
// violations of a request the server refuses.
//
// Usage: client HOST:PORT REQUEST.json (built as tests/clients/clients_test.sh
// and docs/clients.md show)
// (REQUEST.json: a ValidateScorecardRequest in the proto3 JSON mapping.)
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	errdetails "scorecard/gen/go/google/rpc/errdetails"
	scorecardv1 "scorecard/gen/go/scorecard/v1"
)

// codec marshals with google.golang.org/protobuf (APIv2), in which Debian's
// protoc-gen-go 1.28 generates messages. Debian 12's grpc-go 1.33 would
// marshal with github.com/golang/protobuf 1.3.5 (APIv1), which panics on
// them ("protobuf tag not enough fields"); registered under the name
// "proto", this codec replaces gRPC's own.
type codec struct{}

func (codec) Marshal(v interface{}) ([]byte, error) {
	return proto.Marshal(v.(proto.Message))
}
func (codec) Unmarshal(data []byte, v interface{}) error {
	return proto.Unmarshal(data, v.(proto.Message))
}
func (codec) Name() string { return "proto" }

func main() {
	encoding.RegisterCodec(codec{})
	address, requestPath := os.Args[1], os.Args[2]
	conn, err := grpc.Dial(address, grpc.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	client := scorecardv1.NewScorecardServiceClient(conn)

	text, err := os.ReadFile(requestPath)
	if err != nil {
		log.Fatal(err)
	}
	request := &scorecardv1.ValidateScorecardRequest{}
	if err := protojson.Unmarshal(text, request); err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	response, err := client.ValidateScorecard(ctx, request)
	if err != nil {
		log.Fatal(err)
	}
	result := response.GetResult()
	verdict := "invalid"
	if result.GetValid() {
		verdict = "valid"
	}
	fmt.Printf("%s: total %s, %s, revision %s\n", result.GetUnitName(),
		result.GetComputedTotal(), verdict, result.GetRuleSetRevision())

	request.Scorecard.RuleSet = "" // The server refuses this one.
	_, err = client.ValidateScorecard(ctx, request)
	refused := status.Convert(err)
	fmt.Printf("refused: %s: %s\n", codeName(refused.Code().String()), refused.Message())
	// The google.rpc.Status details, read as bytes and decoded with APIv2.
	for _, detail := range refused.Proto().GetDetails() {
		switch detail.GetTypeUrl() {
		case "type.googleapis.com/google.rpc.BadRequest":
			badRequest := &errdetails.BadRequest{}
			if err := proto.Unmarshal(detail.GetValue(), badRequest); err != nil {
				log.Fatal(err)
			}
			for _, violation := range badRequest.GetFieldViolations() {
				fmt.Printf("field %s: %s\n", violation.GetField(), violation.GetDescription())
			}
		case "type.googleapis.com/google.rpc.ErrorInfo":
			info := &errdetails.ErrorInfo{}
			if err := proto.Unmarshal(detail.GetValue(), info); err != nil {
				log.Fatal(err)
			}
			fmt.Printf("reason %s (%s)\n", info.GetReason(), info.GetDomain())
		}
	}
}

// codeName spells a Go code name ("InvalidArgument") as the other clients
// do ("INVALID_ARGUMENT").
func codeName(goName string) string {
	name := ""
	for i, r := range goName {
		if i > 0 && r >= 'A' && r <= 'Z' {
			name += "_"
		}
		name += string(r)
	}
	return upper(name)
}

func upper(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r >= 'a' && r <= 'z' {
			out[i] = r - 'a' + 'A'
		}
	}
	return string(out)
}
