import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { OrgPageError, PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { orgPath, ROUTES } from "../routes";
import { useCurrentUser } from "../session/route.guard";
import { ApiKeysSection } from "../team/api-keys.section";
import { AuditLogSection } from "../team/audit-log.section";
import { CapRequestsSection } from "../team/cap-requests.section";
import { CapsSection } from "../team/caps.section";
import { InviteMemberForm } from "../team/invite-member.form";
import { LeaveOrgSection } from "../team/leave-org.section";
import { MembersTable } from "../team/members-table.component";
import { OrgSettingsSection } from "../team/org-settings.section";
import { PendingInvitations } from "../team/pending-invitations.component";
import { RoleBadge } from "../team/role-badge.component";
import { canManageTeam } from "../team/roles";
import { SpacesSection } from "../team/spaces.section";
import { type TeamSection, TeamSectionsNav } from "../team/team-sections.nav";
import { UsageAlertsSection } from "../team/usage-alerts.section";
import { WebhooksSection } from "../team/webhooks.section";

// What every member may read (caps and the pool included). Invitations, API keys, usage
// alerts, webhooks and the audit log are separate queries, asked only by OWNER and ADMIN
// (the server refuses those fields to others); cap requests are too (a MEMBER gets theirs).
const TeamSettingsQuery = graphql(`
  query TeamSettings($orgId: ID!) {
    org(id: $orgId) {
      id
      name
      seats
      myRole
      plan
      softAlertThresholdPercent
      pool {
        ...PoolFields
      }
      caps {
        ...CapItem
      }
      members {
        ...TeamMember
      }
      spaces {
        ...SpaceItem
      }
    }
  }
`);

const ARTICLE = { OWNER: "the", ADMIN: "an", MEMBER: "a" } as const;

function seatsLabel(seats: number): string {
  return seats === 1 ? "1 seat" : `${seats.toLocaleString()} seats`;
}

/** The sections this reader sees, in page order (ids as the sections set them). */
function sectionsFor(canManage: boolean, pooled: boolean): TeamSection[] {
  return [
    { id: "members", label: "Members" },
    ...(canManage ? [{ id: "invitations", label: "Invitations" }] : []),
    { id: "spaces", label: "Spaces" },
    { id: "caps", label: "Caps & alert" },
    ...(canManage ? [{ id: "alerts", label: "Alerts" }] : []),
    ...(pooled ? [{ id: "cap-requests", label: "Cap requests" }] : []),
    ...(canManage
      ? [
          { id: "api-keys", label: "API keys" },
          { id: "webhooks", label: "Webhooks" },
          { id: "org-settings", label: "Org" },
        ]
      : []),
    { id: "membership", label: "Your membership" },
    ...(canManage ? [{ id: "audit-log", label: "Audit log" }] : []),
  ];
}

export default function TeamPage() {
  const { orgId = "" } = useParams();
  const { user } = useCurrentUser();
  const { data, loading, error, refetch } = useQuery(TeamSettingsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  if (loading && !data) return <PageLoading label="Loading the team…" />;
  if (error && !data) return <OrgPageError error={error} what="the team" onRetry={() => void refetch()} />;
  const org = data?.org;
  if (!org) return <OrgPageError />;
  const canManage = canManageTeam(org.myRole);

  return (
    <div className="page">
      <PageTitle>{`${ROUTES.team.title} · ${org.name}`}</PageTitle>
      <header className="page__header page__header--stacked">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={orgPath(org.id)}>{org.name}</Link>
        </nav>
        <h1 className="page__title">Team settings</h1>
        {org.myRole && (
          <p className="muted page__lead">
            You are {ARTICLE[org.myRole]} <RoleBadge role={org.myRole} /> here.{" "}
            {!canManage && "Only the owner and admins can invite people or change the team."}
          </p>
        )}
      </header>

      <TeamSectionsNav sections={sectionsFor(canManage, Boolean(org.pool))} />

      <section className="card section" aria-labelledby="members-title" id="members">
        <header className="section__header section__header--row">
          <h2 id="members-title" className="card__title">
            Members
          </h2>
          <span className="muted">
            {seatsLabel(org.seats)} <span className="hint">· accepted members, the owner included</span>
          </span>
        </header>
        <MembersTable org={org} members={org.members} myRole={org.myRole} myUserId={user?.id} />
      </section>

      {canManage && (
        <section className="card section" aria-labelledby="invitations-title" id="invitations">
          <header className="section__header">
            <h2 id="invitations-title" className="card__title">
              Pending invitations
            </h2>
            <p className="card__lead">Pending invitations are not seats until they are accepted.</p>
          </header>
          <PendingInvitations orgId={org.id} />
          <InviteMemberForm orgId={org.id} />
        </section>
      )}

      <SpacesSection orgId={org.id} spaces={org.spaces} canManage={canManage} />

      <CapsSection org={org} canManage={canManage} isOwner={org.myRole === "OWNER"} myUserId={user?.id} />
      {canManage && <UsageAlertsSection org={org} myUserId={user?.id} />}
      {/* Requests raise caps, which only a pool has. */}
      {org.pool && <CapRequestsSection org={org} canManage={canManage} myUserId={user?.id} />}

      {canManage && <ApiKeysSection orgId={org.id} />}
      {canManage && <WebhooksSection orgId={org.id} />}
      {canManage && <OrgSettingsSection org={org} isOwner={org.myRole === "OWNER"} />}
      <LeaveOrgSection org={org} me={org.members.find((m) => m.user.id === user?.id)} />
      {/* Last: it is the longest, and the rest should not sit below it. */}
      {canManage && <AuditLogSection key={org.id} orgId={org.id} />}
    </div>
  );
}
