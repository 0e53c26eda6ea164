import { withAuth } from "next-auth/middleware";

// Only a redirect: signed-out visitors to a page are sent to sign in and brought back afterwards
// (callbackUrl). Who may see what is checked again in every page and route, against the database.
export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/", "/admin/:path*", "/projects/:path*"] };
