export { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
export { changePassword } from "./change-password";
export { ensureBootstrapAdmin, parseBootstrapAdmin } from "./bootstrap-admin";
export { SIGN_IN_ATTEMPTS, SIGN_IN_ATTEMPTS_PER_CLIENT, verifyCredentials } from "./credentials";
export { ensureInstanceSecret } from "./instance-secret";
export {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listInvitations,
  revokeInvitation,
} from "./invitations";
export { listMembers, removeMember, requireOrganizationManager, setMemberRoles } from "./members";
export type { MemberScope } from "./members";
export { userForExternalAccount } from "./oauth";
export { hashPassword, verifyPassword } from "./passwords";
export { loadSessionUser, loadUserById } from "./session-user";
export { endSession, endSessionsOf, startSession } from "./sessions";
export type { SessionUser } from "./session-user";
export { createOrganizationForUser, signUp } from "./sign-up";
export { inviteTeammates, listTeammates, setTeammateRoles } from "./teams";
