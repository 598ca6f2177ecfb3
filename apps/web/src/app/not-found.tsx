import { ErrorPage } from "~/components/error-page";

export const metadata = { title: "Not found" };

/** Any page or object that does not exist, or that belongs to another organization. */
export default function NotFound() {
  return (
    <ErrorPage status={404} title="Page not found">
      <p>This page does not exist, or it belongs to another organization.</p>
    </ErrorPage>
  );
}
