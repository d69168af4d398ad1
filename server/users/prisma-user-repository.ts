import type { PrismaClient, User as UserRow } from "../db/generated/client";
import { Prisma } from "../db/generated/client";
import type { User, UserRepository, UserWithPassword } from "./user";

function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, email: row.email, kind: row.kind === "GUEST" ? "guest" : "member" };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function createPrismaUserRepository(prisma: PrismaClient): UserRepository {
  return {
    async findById(id) {
      const row = await prisma.user.findUnique({ where: { id } });
      return row ? toUser(row) : null;
    },
    async findByEmailWithPassword(email): Promise<UserWithPassword | null> {
      const row = await prisma.user.findUnique({ where: { email } });
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async sessionVersion(id) {
      // A primary-key lookup of one column: the cost of reading a session.
      const row = await prisma.user.findUnique({ where: { id }, select: { sessionVersion: true } });
      return row?.sessionVersion ?? null;
    },
    async endSessions(id) {
      await prisma.user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    },
    async createMember(input) {
      try {
        return toUser(await prisma.user.create({ data: { ...input, kind: "MEMBER" } }));
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async createGuest(input) {
      return toUser(await prisma.user.create({ data: { name: input.name, kind: "GUEST" } }));
    },
    async upsertOAuthUser(input) {
      const account = await prisma.account.findUnique({
        where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
        include: { user: true },
      });
      if (account) return toUser(account.user);
      // An email already held by a password account is not linked silently.
      const taken = input.email ? await prisma.user.findUnique({ where: { email: input.email } }) : null;
      const row = await prisma.user.create({
        data: {
          name: input.name,
          email: taken ? null : input.email,
          kind: "MEMBER",
          accounts: { create: { provider: input.provider, providerAccountId: input.providerAccountId } },
        },
      });
      return toUser(row);
    },
  };
}
