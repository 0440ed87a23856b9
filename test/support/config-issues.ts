// The issues a stack config produces, for tests that assert them exactly (fails when the config is valid
// or fails with anything but a SovereignConfigError).
import { strict as assert } from "node:assert";
import { ConfigIssue, SovereignConfigError } from "../../src/config/issues";
import type { TenantDocument } from "../../src/config/sovereign-config";
import { specFrom } from "./sovereigns";

export function issuesOf(values: Record<string, unknown>, docs: TenantDocument[] = []): ConfigIssue[] {
    try {
        specFrom(values, docs);
    } catch (err) {
        assert.ok(err instanceof SovereignConfigError, String(err));
        return [...err.issues];
    }
    assert.fail("expected the config to be rejected");
}
