"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { PresenceCount, PresenceEntry } from "@/server/realtime/protocol";
import { Avatar } from "../../../_components/avatar";

const Tag = (props: { children: React.ReactNode }) => <span className="rounded bg-raised px-1.5 text-sm">{props.children}</span>;

/** Who is in the room, and for the host and co-hosts: mute, unmute and remove (after a confirmation). */
export function PeoplePanel(props: {
  presence: PresenceEntry[];
  count: PresenceCount;
  isModerator: boolean;
  onMute(userId: string, on: boolean): void;
  onRemove(userId: string): void;
}) {
  return (
    <section aria-labelledby="people-heading" className="card grid gap-2">
      <h2 id="people-heading" className="m-0 text-lg">
        In the room <span className="text-base font-normal text-muted">({props.count.here} here)</span>
      </h2>
      {props.count.total > props.presence.length ? (
        <p className="m-0 text-sm text-muted">
          The {props.presence.length} listed first: hosts, then people here ({props.count.total} in all).
        </p>
      ) : null}
      <ul className="m-0 grid list-none gap-2 p-0" data-testid="presence">
        {props.presence.map((p) => (
          <li key={p.userId} className="flex flex-wrap items-center gap-1.5" data-testid="person">
            <Avatar name={p.name} size="sm" />
            <span className="font-semibold">{p.name}</span>
            {p.role !== "guest" ? <Tag>{p.role === "host" ? "host" : "co-host"}</Tag> : null}
            <Tag>{p.connected ? "here" : "away"}</Tag>
            {p.ready ? <Tag>ready</Tag> : null}
            {p.muted ? <Tag>muted</Tag> : null}
            {p.inSync ? <Tag>in sync</Tag> : p.driftMs ? <Tag>{(p.driftMs / 1000).toFixed(1)} s</Tag> : null}
            {p.syncedBy === "extension" ? <Tag>synced by the extension</Tag> : null}
            {props.isModerator && p.role === "guest" ? (
              <span className="ml-auto flex gap-1.5">
                <button type="button" className="small secondary m-0" onClick={() => props.onMute(p.userId, !p.muted)}>
                  {p.muted ? `Unmute ${p.name}` : `Mute ${p.name}`}
                </button>
                <RemoveButton name={p.name} onConfirm={() => props.onRemove(p.userId)} />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RemoveButton(props: { name: string; onConfirm(): void }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className="small danger m-0">
          Remove {props.name}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[min(92vw,28rem)] -translate-x-1/2 -translate-y-1/2 gap-3 rounded-lg bg-panel p-5 shadow-xl">
          <AlertDialog.Title className="m-0 text-xl">Remove {props.name}?</AlertDialog.Title>
          <AlertDialog.Description className="m-0 text-muted">
            They leave the room now and cannot come back to this party&apos;s room.
          </AlertDialog.Description>
          <div className="flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <button type="button" className="secondary m-0">
                Keep {props.name}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="danger m-0" onClick={props.onConfirm}>
                Remove
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
