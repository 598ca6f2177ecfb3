import { CreateApiKeyInputSchema, IdInputSchema } from "@taskforge/schema";

import { createApiKey, listApiKeys, revokeApiKey } from "../../services/accounts";
import { createTRPCRouter, memberProcedure } from "../../trpc";

export const apiKeysRouter = createTRPCRouter({
  list: memberProcedure.query(({ ctx }) => listApiKeys(ctx.member)),
  /** Returns `{ api_key, key }`: the key is in this answer only. */
  create: memberProcedure
    .input(CreateApiKeyInputSchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.member, input)),
  revoke: memberProcedure
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.member, input.id)),
});
