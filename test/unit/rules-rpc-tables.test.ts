import { runRuleCases } from '../helpers/ruleTester';
import { allRules } from '../../server/src/rules/registry';

const RPC_RULES = allRules.filter((r) => r.family === 'rpc');

const TRACKING_PROTO = `syntax = "proto3";

package tracking.v1;

import "google/protobuf/empty.proto";

service TrackingService {
  rpc GetParcel(GetParcelRequest) returns (Parcel);
  rpc FollowParcel(FollowParcelRequest) returns (stream ParcelEvent);
  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);
}

message GetParcelRequest { string id = 1; }
message FollowParcelRequest { string id = 1; }
message Parcel { string id = 1; string state = 2; }
message ParcelEvent { string id = 1; string state = 2; }
`;

const files = { 'proto/tracking/v1/tracking.proto': TRACKING_PROTO };

describe('rpc tables with request and response columns', () => {
  runRuleCases(RPC_RULES, [
    {
      name: 'a true table, with and without backticks and with the Empty type shortened',
      files,
      doc: `# TrackingService

| RPC | Request | Response |
|---|---|---|
| GetParcel | GetParcelRequest | Parcel |
| \`FollowParcel\` | \`FollowParcelRequest\` | \`stream ParcelEvent\` |
| Ping | Empty | google.protobuf.Empty |
`,
      expect: [],
      claims: 6,
    },
    {
      name: 'a wrong response type and a missing stream are signature errors, fixed from the proto',
      files,
      doc: `# TrackingService

| RPC | Request | Response |
|---|---|---|
| GetParcel | GetParcelRequest | ParcelView |
| FollowParcel | FollowParcelRequest | ParcelEvent |
`,
      expect: [
        { code: 'rpc-signature', line: 5, message: 'returns `ParcelView`' },
        { code: 'rpc-signature', line: 6, message: 'returns `ParcelEvent`' },
      ],
      output: `# TrackingService

| RPC | Request | Response |
|---|---|---|
| GetParcel | GetParcelRequest | Parcel |
| FollowParcel | FollowParcelRequest | stream ParcelEvent |
`,
    },
  ]);
});
