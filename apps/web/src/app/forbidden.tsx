import { ErrorPage } from "~/components/error-page";

export const metadata = { title: "Not allowed" };

/** A page the signed-in person exists for but may not open (the workspace without a work role). */
export default function Forbidden() {
  return (
    <ErrorPage status={403} title="You cannot open this page">
      <p>
        Your account does not hold the role this page needs. Ask an owner of your organization or
        the platform admin to give it to you.
      </p>
    </ErrorPage>
  );
}
