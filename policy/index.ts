// The CrossGuard policy pack, run by the Pulumi CLI: `pulumi preview --policy-pack policy`.
// Constructing a PolicyPack starts the policy gRPC server, so this is the only file that does; the policies
// themselves live in their own modules, which the tests import.
import { PolicyPack } from "@pulumi/policy";
import { attachmentPolicy } from "./attachment-policy";

new PolicyPack("sovereign-attachment", {
    policies: [attachmentPolicy],
});
