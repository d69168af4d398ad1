"use client";

import * as Toast from "@radix-ui/react-toast";

/** Comings and goings as toasts (Radix announces each one politely). */
export function Notices(props: { notices: Array<{ id: number; text: string }> }) {
  return (
    <Toast.Provider duration={4000} label="Room notice">
      {props.notices.map((n) => (
        <Toast.Root key={n.id} type="background" className="rounded-md bg-raised px-4 py-2 shadow-lg" data-testid="notice">
          <Toast.Description>{n.text}</Toast.Description>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-3 bottom-3 z-50 m-0 grid w-[min(20rem,calc(100vw-1.5rem))] list-none gap-2 p-0 outline-none" />
    </Toast.Provider>
  );
}
