package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * The stand-in for Airflow's sign-in page ({@code /aws_mwaa/aws-console-sso}, or under {@code /pluginsv2} for
 * Airflow 3). Like the real one, it reads the login token from the URL fragment (which never reaches a server log)
 * and trades it for a session; here that is a POST to the site's {@link AirflowSite#redeemPath()}.
 *
 * <p>DOM contract for browser tests: the element {@code #status} carries {@code data-result}, which is
 * {@code pending} until the answer arrives, then {@code ok}, {@code expired}, {@code reused}, {@code unknown},
 * {@code wrong-page} (the token's environment runs the other Airflow generation), {@code missing} (no token in the
 * URL) or {@code error} (the redeem call failed). On {@code ok} it also carries {@code data-environment},
 * {@code data-identity} and {@code data-airflow-role}, its text reads {@code signed in to <environment> as
 * <AirflowIdentity>}, the element {@code #airflow-role} right after it shows {@code (<role>)} (so the line reads
 * {@code signed in to <environment> as <AirflowIdentity> (<role>)}), and the fragment is removed from the URL.
 *
 * <p>Everything shown is set with {@code textContent} and {@code setAttribute}, never parsed as HTML, and the page
 * loads nothing from elsewhere; its Content-Security-Policy allows exactly its own inline script and style.
 */
final class SsoPage {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 3rem; color: #222; }
            #status[data-result="ok"], #airflow-role { color: #116611; }
            #status[data-result="expired"], #status[data-result="reused"], #status[data-result="unknown"],
            #status[data-result="wrong-page"], #status[data-result="missing"], #status[data-result="error"] {
              color: #aa1111; }
            """;

    private static final String SCRIPT = """
            (function () {
              var status = document.getElementById('status');
              var role = document.getElementById('airflow-role');
              function show(result, text) {
                status.setAttribute('data-result', result);
                status.textContent = text;
              }
              var token = window.location.hash.slice(1);
              if (!token) {
                show('missing', 'No login token in the URL. Start again from the login link.');
                return;
              }
              fetch('%s', {
                method: 'POST',
                headers: { 'Content-Type': 'text/plain' },
                body: token,
                cache: 'no-store',
                credentials: 'same-origin'
              }).then(function (response) {
                return response.json();
              }).then(function (answer) {
                if (answer.result !== 'ok') {
                  show(String(answer.result), String(answer.message));
                  return;
                }
                status.setAttribute('data-environment', answer.environment);
                status.setAttribute('data-identity', answer.airflowIdentity);
                status.setAttribute('data-airflow-role', answer.airflowRole);
                // The token is spent; keep it out of the address bar, history and bookmarks.
                window.history.replaceState(null, '', window.location.pathname + window.location.search);
                show('ok', 'signed in to ' + answer.environment + ' as ' + answer.airflowIdentity);
                role.textContent = ' (' + answer.airflowRole + ')';
                role.hidden = false;
              }).catch(function () {
                show('error', 'Could not reach the sign-in service.');
              });
            })();
            """;

    private static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="referrer" content="no-referrer">
            <title>Airflow %d - signing in (MWAA emulator)</title>
            <style>%s</style>
            </head>
            <body>
            <h1>Airflow</h1>
            <p><span id="status" data-result="pending" role="status" aria-live="polite">Signing in&hellip;</span><span \
            id="airflow-role" hidden></span></p>
            <noscript><p>This sign-in page needs JavaScript.</p></noscript>
            <script>%s</script>
            </body>
            </html>
            """;

    /** A site's page, rendered once: its script names the site's redeem path, so each has its own hash. */
    private record Page(String html, String contentSecurityPolicy) {
    }

    private static final Map<AirflowSite, Page> PAGES = new EnumMap<>(AirflowSite.class);

    static {
        for (AirflowSite site : AirflowSite.values()) {
            String script = SCRIPT.formatted(site.redeemPath());
            PAGES.put(site, new Page(HTML.formatted(site.generation(), STYLE, script), contentSecurityPolicy(script)));
        }
    }

    private SsoPage() {
    }

    static HttpResponse response(AirflowSite site) {
        Page page = PAGES.get(site);
        return HttpResponse.html(200, page.html())
                .header("Content-Security-Policy", page.contentSecurityPolicy())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** Allows the page's own inline script and style (by hash) and calls to this server; nothing else. */
    static String contentSecurityPolicy(String script) {
        return "default-src 'none'; script-src '" + sha256(script) + "'; style-src '" + sha256(STYLE) + "'; "
                + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
