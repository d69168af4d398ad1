import Link from "next/link";
import { currentUser } from "./_components/current-user";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await currentUser();
  return (
    <>
      <h1>Watch Ballard together</h1>
      <p className="lead">
        <em>Ballard</em> is the Prime Video spinoff of <em>Bosch</em>: Maggie Q plays Detective Renée Ballard, who runs
        the LAPD&apos;s underfunded cold case unit. All ten episodes came out at once, so it is made for watch parties.
      </p>
      {user ? (
        <p>Welcome back, {user.name}.</p>
      ) : (
        <p>
          <Link href="/signin">Sign in</Link> or <Link href="/signup">create an account</Link> to host or join a party.
        </p>
      )}
    </>
  );
}
