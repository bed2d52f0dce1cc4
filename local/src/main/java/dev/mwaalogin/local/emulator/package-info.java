/**
 * A small emulator of the AWS the function talks to, on one loopback address: Amazon MWAA's
 * {@code CreateWebLoginToken} and {@code GetEnvironment} (rest-json, SigV4 for {@code airflow}), STS's
 * {@code AssumeRole} (query protocol, {@code sts}), Secrets Manager's {@code GetSecretValue} (awsJson 1.1,
 * {@code secretsmanager}), and the Airflow web server's sign-in page: {@code /aws_mwaa/aws-console-sso} for Airflow 2,
 * {@code /pluginsv2/aws_mwaa/aws-console-sso} for Airflow 3. Faults can be switched on per environment and per API.
 * It is served by the JDK's {@code com.sun.net.httpserver} behind a small relay that owns the port (see
 * {@code ConnectionRelay}: a reset fault needs the client's socket) and speaks JSON with Jackson.
 *
 * <h2>Identities</h2>
 * Credentials registered on the builder ({@link dev.mwaalogin.local.emulator.EmulatorCredentials#DEFAULT} always is)
 * play the function's own role: they sign in to every environment with the builder's {@code airflowRole} (default
 * {@code Viewer}, identity {@code assumed-role/mwaa-login-local/demo}), may assume every IAM role, call GetEnvironment
 * and read secrets. An {@link dev.mwaalogin.local.emulator.IamRole} grants one Airflow role in some environments (or
 * all); AssumeRole issues temporary {@code ASIA...} credentials for it, which sign MWAA calls as
 * {@code assumed-role/<role>/<session>} and do nothing else. A token's page shows
 * {@code signed in to <env> as <identity> (<Airflow role>)}. Every issued secret key, session token, web login token
 * and secret value goes to the token ledger, so the build's secret scan fails if one reaches a log.
 *
 * <h2>From tests</h2>
 * <pre>{@code
 * MwaaEmulator emu = MwaaEmulator.builder()
 *         .environment("demo").environment("v3demo", "3.0.6")
 *         .iamRole("arn:aws:iam::123456789012:role/mwaa-admin", "Admin", "demo")   // no environments: all
 *         .secret("mwaa-login/oidc", "client-secret-value")
 *         .build().start();
 * emu.faults("demo").status(500).times(2);      // CreateWebLoginToken on demo
 * emu.faults(MwaaEmulator.STS).throttle();      // every AssumeRole: 400 Throttling
 * emu.hits(MwaaEmulator.GET_ENVIRONMENT);       // also SECRETS_MANAGER; hits("demo") counts /webtoken/demo
 * }</pre>
 * Point every client at {@code emu.endpoint()} in {@code emu.region()}. MWAA clients must turn off the {@code env.}
 * and {@code api.} host prefixes (Java: {@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION}; CLI and boto3:
 * {@code AWS_DISABLE_HOST_PREFIX_INJECTION=true}). By environment variable the SDKs, CLI and boto3 read
 * {@code AWS_ENDPOINT_URL_MWAA}, {@code AWS_ENDPOINT_URL_STS} and {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} (the
 * service id "Secrets Manager" with its space as an underscore, not {@code _SECRETSMANAGER}).
 *
 * <h2>By hand</h2>
 * {@code local/run emulator --env demo --env v3demo@3.0.6 --iam-role Admin=arn:aws:iam::123456789012:role/mwaa-admin}
 * ({@code --help} lists the flags). While it runs, {@code /_emulator/} takes unsigned control calls (see
 * {@code AdminEndpoint}). People write a fault one way, on the command line and to the admin endpoint alike
 * ({@code FaultSpec}): {@code --fault demo=status:503,times=2} at start, or while it runs
 * {@code curl -X PUT -d status:503,times=2 http://127.0.0.1:4566/_emulator/faults/demo} and
 * {@code curl -X PUT -d throttle http://127.0.0.1:4566/_emulator/faults/_sts}. Fault targets are environment names
 * and {@code _sts}, {@code _secretsmanager}, {@code _getenvironment}; tests use {@code emu.faults(target)} instead.
 *
 * <h2>Worth knowing</h2>
 * <ul>
 *   <li>Under {@code UrlConnectionHttpClient}, the JDK's HttpURLConnection resends a bodyless request once by itself
 *       when the connection fails before an answer, so a single {@code reset()} is invisible to an MWAA caller; use
 *       {@code reset().times(2)} to make a CreateWebLoginToken attempt fail. STS and Secrets Manager requests have a
 *       body and are not resent: there one reset fails the attempt.</li>
 *   <li>The {@code Date} header is the system time, written by the JDK's server: a clock given to the builder moves
 *       signature checks, session expiry and token lifetimes, but an SDK learns no skew from it. To test clock
 *       skew, move the SDK's clock ({@code SdkGlobalTime.setGlobalTimeOffset}); the SDK keeps what it learns from
 *       a "Signature expired" answer JVM-wide, so put it back to 0 afterwards.</li>
 *   <li>An AirflowIdentity longer than MWAA's 64 characters is refused with ValidationException rather than
 *       shortened: keep role plus session names short.</li>
 *   <li>The JDK's server answers 400 itself, unlogged, for a request target {@code java.net.URI} cannot parse: a
 *       raw space, a malformed {@code %} escape, raw UTF-8 with bytes 0x80 to 0x9F. Clients percent-encode, so only
 *       hand-made requests meet this.</li>
 *   <li>The sign-in page's DOM contract for browser tests is described on {@code SsoPage}.</li>
 * </ul>
 */
package dev.mwaalogin.local.emulator;
