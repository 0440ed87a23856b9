// Entry point for `pulumi preview` / `pulumi up -s <sovereign>`: one stack per Sovereign.
import { deploySovereign } from "./src/program";

const { outputs } = deploySovereign();

export const fqdn = outputs.fqdn;
export const zones = outputs.zones;
export const hosts = outputs.hosts;
export const gateways = outputs.gateways;
export const listeners = outputs.listeners;
