// A delivery worker in a process of its own, for the exactly-once test to kill mid-delivery:
// `node --import tsx test/support/deliver-watches.ts OWNER LEASE_MS` works the watches' outbox once.
import { runWatchDeliveries } from "@/lib/watches/deliver";

const [owner, leaseMs] = process.argv.slice(2);
const run = await runWatchDeliveries({ owner, leaseMs: Number(leaseMs) });
console.log(JSON.stringify(run));
process.exit(0);
