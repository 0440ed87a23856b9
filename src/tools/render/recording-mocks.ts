// Pulumi mocks that record every registration. They stand in for the engine and providers when the
// program runs offline (the renderer, the checker, the tests); the program itself is unchanged.

import * as pulumi from "@pulumi/pulumi";

export interface Registration {
    type: string;
    name: string;
    custom: boolean;
    /** Inputs as the engine would receive them: plain JSON, secrets wrapped in the secret signature. */
    inputs: Record<string, unknown>;
}

// Provider outputs the engine would compute; the mock invents deterministic stand-ins, marked secret
// where the real provider marks them secret, so redaction is exercised exactly as in a real run.
export type OutputFaker = (name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly registrations: Registration[] = [];

    constructor(
        private readonly fakers: Readonly<Record<string, OutputFaker>> = {},
        /** Outputs of other stacks, by fully qualified stack name, for StackReferences. */
        private readonly stackOutputs: Readonly<Record<string, Record<string, unknown>>> = {},
    ) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        if (args.type === "pulumi:pulumi:StackReference") {
            // A read of another stack, not something this stack creates: not recorded.
            const outputs = this.stackOutputs[args.name];
            if (outputs === undefined) {
                throw new Error(`no outputs known offline for stack ${args.name}`);
            }
            return { id: args.name, state: { name: args.name, outputs } };
        }
        this.registrations.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs });
        const faker = this.fakers[args.type];
        const state = faker ? { ...args.inputs, ...faker(args.name, args.inputs) } : args.inputs;
        return { id: args.custom ? `${args.name}-id` : undefined, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        // Nothing in this program invokes a provider function; fail loudly if that changes.
        throw new Error(`unmocked provider call ${args.token}`);
    }
}
