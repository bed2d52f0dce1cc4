package dev.mwaalogin;

import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.aws.MwaaRestApi.AirflowAnswer;
import dev.mwaalogin.aws.WebLogin;
import dev.mwaalogin.home.HomePage;
import dev.mwaalogin.identity.Caller;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.request.Failure;
import java.util.List;

/**
 * What one request came to: the kind of answer, what it needs ({@link #location()}, {@link #login()}, or
 * {@link #problem()} with its {@link #failure()}), and the facts its log line and metric are made of. Made only by
 * {@link LoginService}; {@link Responses} turns it into the HTTP answer, {@link LoginLog} into the line and the metric.
 *
 * @param location where a redirect goes: into Airflow, to the provider; null otherwise
 * @param login    the minted login, for {@link Kind#LOGIN_JSON} and {@link Kind#LOGIN_REDIRECT}; else null
 * @param problem  the answer to a failure, for {@link Kind#FAILED}; else null
 * @param failure  what failed, for {@link Kind#FAILED}; else null
 * @param airflow  Airflow's answer, for {@link Kind#API_ANSWER}; else null
 * @param home     the environments the person may open, for {@link Kind#HOME_PAGE} and {@link Kind#HOME_JSON};
 *                 else null
 */
public record Outcome(Kind kind, Facts facts, String location, WebLogin login, Problem problem, Failure failure,
                      AirflowAnswer airflow, HomePage home) {

    /** The kinds of answer, each with its log code and metric; a failure's come from its problem. */
    public enum Kind {
        /** Signed in: a 302 into Airflow. */
        LOGIN_REDIRECT(null, "OK", LoginMetrics.Metric.SIGN_IN),
        /** Signed in: the login as JSON, for scripts. */
        LOGIN_JSON(null, "OK", LoginMetrics.Metric.SIGN_IN),
        /** A browser goes to the identity provider to sign in first. */
        SIGN_IN_STARTED("SignInStarted", "SignInStarted", LoginMetrics.Metric.PROVIDER_REDIRECT),
        /** A session due for its recheck goes through the provider again, without a prompt. */
        SESSION_RECHECK("SessionRecheck", "SessionRecheck", LoginMetrics.Metric.PROVIDER_REDIRECT),
        /** The provider would not renew a session without a prompt: it ended, and a sign-in with one starts. */
        SESSION_ENDED("SessionEnded", "SessionEnded", LoginMetrics.Metric.PROVIDER_REDIRECT),
        /** Signed out: on to the provider's sign-out, or (no location) a page that says so. */
        SIGNED_OUT("SignedOut", "SignedOut", LoginMetrics.Metric.SIGN_OUT),
        /** An Airflow REST call forwarded: Airflow's status and answer, whatever its status. */
        API_ANSWER(null, "OK", LoginMetrics.Metric.API_CALL),
        /** A sign-in started at the home page finished: a 302 back to it, with the session. */
        SIGNED_IN_HOME("SignedIn", "SignedIn", LoginMetrics.Metric.HOME),
        /** The environments the person may open, as a page. */
        HOME_PAGE("Home", "Home", LoginMetrics.Metric.HOME),
        /** The same list as JSON. */
        HOME_JSON("Home", "Home", LoginMetrics.Metric.HOME),
        /** Refused or failed: the problem's answer. */
        FAILED(null, null, null);

        private final String logCode;
        private final String metricCode;
        private final LoginMetrics.Metric metric;

        Kind(String logCode, String metricCode, LoginMetrics.Metric metric) {
            this.logCode = logCode;
            this.metricCode = metricCode;
            this.metric = metric;
        }

        /** The log line's {@code code}, or null for none. */
        String logCode() {
            return logCode;
        }

        /** The metric's {@code Code} dimension. */
        String metricCode() {
            return metricCode;
        }

        LoginMetrics.Metric metric() {
            return metric;
        }
    }

    /**
     * What is known about the request, gathered on its way: each step adds what it learned, so a failure at any
     * point is answered and logged with everything known by then. Only validated names and fixed codes.
     *
     * @param gatewayRequestId API Gateway's request id, or null
     * @param html             whether errors are answered as an HTML page
     * @param environment      the requested environment once its name was valid, else null
     * @param caller           who is calling, once something vouched for them, else null
     * @param grant            what they may sign in as, once decided (never {@link Grant.Refused}), else null
     * @param page             the Airflow page the login goes to and how it was chosen, else null
     * @param cookies          {@code Set-Cookie} values every answer to this request carries; never null
     * @param api              for an {@code /api} call, its method and, once allowed, the rule that allowed it;
     *                         else null
     */
    public record Facts(String gatewayRequestId, boolean html, String environment, Caller caller, Grant grant,
                        AirflowLoginPaths.LoginPath page, List<String> cookies, Api api) {

        public Facts {
            cookies = List.copyOf(cookies);
        }

        static Facts of(String gatewayRequestId, boolean html) {
            return new Facts(gatewayRequestId, html, null, null, null, null, List.of(), null);
        }

        Facts html(boolean html) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts environment(String environment) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts caller(Caller caller) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts grant(Grant grant) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts page(AirflowLoginPaths.LoginPath page) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts cookies(List<String> cookies) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }

        Facts api(Api api) {
            return new Facts(gatewayRequestId, html, environment, caller, grant, page, cookies, api);
        }
    }

    /**
     * An {@code /api} call, for the log line and to name a missing permission.
     *
     * @param method the HTTP method (one MWAA takes)
     * @param rule   the {@code API_PATHS} rule that allowed it, or null before (or without) one
     */
    public record Api(String method, String rule) {
    }

    static Outcome loggedIn(Facts facts, WebLogin login, String url, boolean json) {
        return new Outcome(json ? Kind.LOGIN_JSON : Kind.LOGIN_REDIRECT, facts, url, login, null, null, null, null);
    }

    /**
     * To the provider ({@code SIGN_IN_STARTED}, {@code SESSION_RECHECK}, {@code SESSION_ENDED}), back to the home page
     * ({@code SIGNED_IN_HOME}), or signed out.
     */
    static Outcome redirect(Kind kind, Facts facts, String location) {
        return new Outcome(kind, facts, location, null, null, null, null, null);
    }

    static Outcome failed(Facts facts, Problem problem, Failure failure) {
        return new Outcome(Kind.FAILED, facts, null, null, problem, failure, null, null);
    }

    static Outcome home(Facts facts, HomePage home, boolean json) {
        return new Outcome(json ? Kind.HOME_JSON : Kind.HOME_PAGE, facts, null, null, null, null, null, home);
    }

    static Outcome forwarded(Facts facts, AirflowAnswer airflow) {
        return new Outcome(Kind.API_ANSWER, facts, null, null, null, null, airflow, null);
    }

    @Override
    public String toString() {
        // The location and the login carry the token: only what is safe to print.
        return "Outcome[" + kind + (problem == null ? "" : " " + problem.code()) + ", environment="
                + facts.environment() + "]";
    }
}
