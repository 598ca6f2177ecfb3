import { TeamRoleInputSchema } from "@taskforge/schema";

import { bodyObject } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const teamRoutes: RestRoute[] = [
  defineRoute({
    method: "GET",
    path: "/teams",
    operation: "teams.list",
    summary:
      "The team: members, then people invited who have not joined (with `expiry`); `role` is Scale's team role, `roles` the organization roles",
    tag: "Teams",
    toInput: () => ({}),
  }),
  defineRoute({
    method: "POST",
    path: "/teams/invite",
    operation: "teams.invite",
    summary:
      "Invite emails with the roles of a Scale team role (labeler: annotator; member: annotator and reviewer; manager; admin); answers the whole team, the new invitations with their `invite_url`",
    tag: "Teams",
    body: TeamRoleInputSchema,
    // Join links point at the origin the client called.
    toInput: ({ body, request }) => ({
      ...bodyObject(body),
      base_url: new URL(request.url).origin,
    }),
  }),
  defineRoute({
    method: "POST",
    path: "/teams/set_role",
    operation: "teams.setRole",
    summary:
      "Give members the roles of a Scale team role (an owner made admin stays an owner); answers the changed teammates",
    tag: "Teams",
    body: TeamRoleInputSchema,
    toInput: ({ body }) => body,
  }),
];
