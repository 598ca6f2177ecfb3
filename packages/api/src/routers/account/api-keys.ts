import { CreateApiKeyInputSchema, IdInputSchema } from "@taskforge/schema";

import { createApiKey, listApiKeys, revokeApiKey } from "../../services/accounts";
import { createTRPCRouter, memberProcedureFor } from "../../trpc";

export const apiKeysRouter = createTRPCRouter({
  list: memberProcedureFor("use_api").query(({ ctx }) => listApiKeys(ctx.member)),
  /** Returns `{ api_key, key }`: the key is in this answer only. */
  create: memberProcedureFor("use_api")
    .input(CreateApiKeyInputSchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.member, input)),
  revoke: memberProcedureFor("use_api")
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.member, input.id)),
});
