// Writes into the embedded database of the DATA_DIR given as the argument,
// around the validation, what a pre-validation bug or a hand edit could have
// stored: a public party at 9999-12-31 20:00 in Los Angeles (the year 10000
// in UTC, which reads back as an invalid Date), next to a party that is fine,
// both hosted by a member who can sign in. Prints the ids as JSON.
import { openDatabase } from "../../server/db/client";
import { embeddedDatabaseDir } from "../../server/db/database-target";
import { createPrismaPartyRepository } from "../../server/parties/prisma-party-repository";
import { createAccountLimiters } from "../../server/users/account-limits";
import { createAccount } from "../../server/users/create-account";
import { createPrismaUserRepository } from "../../server/users/prisma-user-repository";

const [dataDir, email, password] = process.argv.slice(2);
if (!dataDir || !email || !password) throw new Error("usage: seed-unshowable-party.ts DATA_DIR EMAIL PASSWORD");

const database = await openDatabase({ target: { kind: "embedded", dir: embeddedDatabaseDir(dataDir) } });
const parties = createPrismaPartyRepository(database.prisma);
const { user } = await createAccount({
  users: createPrismaUserRepository(database.prisma),
  limiters: createAccountLimiters(),
  clientAddress: "seed",
  input: { name: "Harry Bosch", email, password },
});
const party = {
  description: "",
  hostId: user.id,
  timeZone: "America/Los_Angeles",
  episodePlan: "single" as const,
  episodeFrom: 1,
  episodeTo: 1,
  episodeMinutes: 50,
  capacity: null,
  visibility: "public" as const,
};
const broken = await parties.create({ ...party, title: "The year 10000", startsAt: new Date("9999-12-31T20:00:00-08:00"), inviteToken: "seeded-broken-party-0000" });
const fine = await parties.create({ ...party, title: "A fine party", startsAt: new Date(Date.now() + 86_400_000), inviteToken: "seeded-fine-party-000000" });
await database.close();
process.stdout.write(`${JSON.stringify({ brokenId: broken.id, fineId: fine.id })}\n`);
