import { Link } from "react-router";
import { PageError, PageTitle } from "../components/page-state.component";
import { ROUTES } from "../routes";

export default function NotFoundPage() {
  return (
    <div className="page">
      <PageTitle>Page not found</PageTitle>
      <PageError title="Page not found" message="The address may be mistyped, or the page has moved." />
      <p>
        <Link to={ROUTES.home.path}>Go to your orgs</Link>
      </p>
    </div>
  );
}
