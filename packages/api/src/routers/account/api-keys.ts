import {
  ApiKeyInfoSchema,
  ApiKeyListSchema,
  CreateApiKeyInputSchema,
  CreatedApiKeySchema,
  IdInputSchema,
} from "@taskforge/schema";

import { createApiKey, listApiKeys, revokeApiKey } from "../../services/accounts";
import { createTRPCRouter, memberProcedureFor } from "../../trpc";

export const apiKeysRouter = createTRPCRouter({
  list: memberProcedureFor("use_api")
    .output(ApiKeyListSchema)
    .query(({ ctx }) => listApiKeys(ctx.member)),
  /** Returns `{ api_key, key }`: the key is in this answer only. */
  create: memberProcedureFor("use_api")
    .input(CreateApiKeyInputSchema)
    .output(CreatedApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.member, input)),
  revoke: memberProcedureFor("use_api")
    .input(IdInputSchema)
    .output(ApiKeyInfoSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.member, input.id)),
});
