package dev.mwaalogin;

import dev.mwaalogin.aws.WebLogin;
import dev.mwaalogin.home.HomePage;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that writes answers, from a request's {@link Outcome}: the redirect, the JSON login, the signed-out
 * page, and errors as JSON or as a small HTML page.
 *
 * <p>Every answer carries the same protective headers: a login must never be cached, leak through a Referer or be
 * sniffed into another content type.
 */
final class Responses {

    private Responses() {
    }

    /**
     * The HTTP answer to an outcome.
     *
     * @param requestId Lambda's request id, which an error answer quotes
     */
    static LoginResponse of(Outcome outcome, String requestId) {
        List<String> cookies = outcome.facts().cookies();
        return switch (outcome.kind()) {
            case LOGIN_REDIRECT, SIGN_IN_STARTED, SESSION_RECHECK, SESSION_ENDED, SIGNED_IN_HOME -> redirect(
                    outcome.location(),
                    cookies);
            case LOGIN_JSON -> json(outcome.login(), outcome.location(), outcome.facts().grant(), cookies);
            case SIGNED_OUT -> outcome.location() != null ? redirect(outcome.location(), cookies)
                    : signedOut(cookies);
            case API_ANSWER -> airflow(outcome.airflow().status(), outcome.airflow().json());
            case HOME_PAGE -> home("text/html; charset=utf-8", outcome.home().html(), cookies);
            case HOME_JSON -> home("application/json", outcome.home().json(), cookies);
            case FAILED -> error(outcome.problem(), requestId, outcome.facts().html(), cookies);
        };
    }

    /** The environments a person may open; the page under a policy that lets nothing run or load. */
    private static LoginResponse home(String type, String body, List<String> cookies) {
        Map<String, String> headers = protectiveHeaders();
        headers.put("Content-Type", type);
        headers.put("Content-Security-Policy", HomePage.CONTENT_SECURITY_POLICY);
        return new LoginResponse(200, headers, cookies, body);
    }

    /** Airflow's answer to a forwarded REST call, its status and JSON as they are; never a cookie. */
    private static LoginResponse airflow(int status, String json) {
        Map<String, String> headers = protectiveHeaders();
        headers.put("Content-Type", "application/json");
        return new LoginResponse(status, headers, List.of(), json);
    }

    /** 302 into the Airflow UI, or to the identity provider. */
    private static LoginResponse redirect(String location, List<String> cookies) {
        Map<String, String> headers = protectiveHeaders();
        headers.put("Location", location);
        return new LoginResponse(302, headers, cookies, "");
    }

    /** The page after signing out, when the identity provider has no sign-out page of its own. */
    private static LoginResponse signedOut(List<String> cookies) {
        Map<String, String> headers = protectiveHeaders();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        return new LoginResponse(200, headers, cookies, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Signed out</title><style>body{font-family:sans-serif;max-width:40em;margin:4em auto;"
                + "padding:0 1em}</style></head><body><h1>Signed out</h1><p>You are signed out of this Airflow "
                + "sign-in. <a href=\"/login\">Sign in again</a>.</p></body></html>");
    }

    /** 200 with the login for scripts: the person and their role when they signed in as themselves. */
    private static LoginResponse json(WebLogin login, String url, Grant grant, List<String> cookies) {
        String person = grant instanceof Grant.Personal personal ? personal.person() : null;
        AirflowRole role = grant.role();
        Map<String, String> headers = protectiveHeaders();
        headers.put("Content-Type", "application/json");
        String body = new Json()
                .field("url", url)
                .field("hostname", login.hostname())
                .field("environment", login.environment())
                .field("webToken", login.webToken())
                .field("expiresAt", login.expiresAt().toString())
                .field("iamIdentity", login.iamIdentity())
                .field("airflowIdentity", login.airflowIdentity())
                .field("person", person)
                .field("airflowRole", role == null ? null : role.name())
                .toString();
        return new LoginResponse(200, headers, cookies, body);
    }

    /** An error, as a JSON body or, for a caller that prefers HTML, a small page. */
    private static LoginResponse error(Problem problem, String requestId, boolean html, List<String> cookies) {
        Map<String, String> headers = protectiveHeaders();
        if (problem.status() == 401) {
            headers.put("WWW-Authenticate", problem == Problem.INVALID_TOKEN ? "Bearer error=\"invalid_token\""
                    : "Bearer");
        }
        if (problem.status() == 405) {
            headers.put("Allow", problem == Problem.API_METHOD_NOT_ALLOWED ? "GET, POST, PUT, PATCH, DELETE" : "GET");
        }
        if (problem.retryAfterSeconds() > 0) {
            headers.put("Retry-After", Integer.toString(problem.retryAfterSeconds()));
        }
        if (html) {
            headers.put("Content-Type", "text/html; charset=utf-8");
            headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            return new LoginResponse(problem.status(), headers, cookies, page(problem, requestId));
        }
        headers.put("Content-Type", "application/json");
        String body = new Json().object("error", new Json()
                .field("code", problem.code())
                .field("message", problem.message())
                .field("requestId", requestId)).toString();
        return new LoginResponse(problem.status(), headers, cookies, body);
    }

    private static Map<String, String> protectiveHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static String page(Problem problem, String requestId) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Airflow sign-in failed</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em}</style></head>"
                + "<body><h1>Airflow sign-in failed</h1><p>" + escape(problem.message()) + "</p>"
                + "<p><small>" + problem.status() + " " + escape(problem.code()) + " &middot; request id "
                + escape(requestId) + "</small></p></body></html>";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
