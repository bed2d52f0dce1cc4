/**
 * A small emulator of the AWS the function talks to, on one loopback address: Amazon MWAA's
 * {@code CreateWebLoginToken}, {@code InvokeRestApi} and {@code GetEnvironment} (rest-json, SigV4 for {@code airflow}),
 * STS's {@code AssumeRole} (query protocol, {@code sts}), Secrets Manager's {@code GetSecretValue} (awsJson 1.1,
 * {@code secretsmanager}), the Airflow web server's sign-in page ({@code /aws_mwaa/aws-console-sso} for Airflow 2,
 * {@code /pluginsv2/aws_mwaa/aws-console-sso} for Airflow 3), and, behind InvokeRestApi, a small fake of each
 * environment's Airflow REST API ({@link dev.mwaalogin.local.emulator.FakeAirflow}). Faults can be switched on per
 * environment and per API.
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
 * <h2>InvokeRestApi and the fake Airflow</h2>
 * {@code POST /restapi/{Name}} with {@code {"Path", "Method", "QueryParameters", "Body"}} as MWAA's model has them
 * (Path 1 to 64 characters, relative to {@code /api/v1} on Airflow 2 and {@code /api/v2} on Airflow 3, e.g.
 * {@code /dags}; Method GET, PUT, POST, PATCH or DELETE). IAM first: an {@link dev.mwaalogin.local.emulator.IamRole}'s
 * sessions may call it with the role's Airflow role ({@code airflow:InvokeRestApi} on {@code role/<env>/<role>}) unless
 * the role was built {@code withoutRestApi()}; registered credentials may not, unless the builder says
 * {@code registeredRestApi()}. Refusals are AccessDeniedException, ValidationException, ResourceNotFoundException
 * and the signature errors, as for CreateWebLoginToken. Then the environment's Airflow answers as the user
 * {@code assumed-role/<role>/<session>}: three example DAGs unless the builder gave others
 * ({@code dag(env, id)}, {@code pausedDag(env, id)}); {@code GET /dags}, {@code GET} and {@code PATCH /dags/{id}}
 * (pause), {@code GET} and {@code POST /dags/{id}/dagRuns} (trigger; {@code ~} lists every DAG's runs),
 * {@code GET /dags/{id}/dagRuns/{run}}, {@code GET /eventLogs} (who triggered or paused what), {@code GET /version};
 * Airflow's default roles (Viewer reads; User, Op and Admin also trigger and pause; Public and custom roles nothing).
 * Airflow 2 answers in its problem JSON and 400s, Airflow 3 in {@code {"detail": ...}} and 422s, from 3.1 with
 * {@code triggering_user_name} in a run. MWAA passes a 2xx on as {@code RestApiStatusCode} and
 * {@code RestApiResponse}, a 4xx as RestApiClientException and a 5xx as RestApiServerException (both HTTP 400,
 * the same two members, no message). Tests read the state with {@code emu.airflow(env)}: {@code dagRuns(dag)} with
 * {@code triggeredBy()}, {@code isPaused(dag)}, {@code events()}, and {@code requests()} for the calls that got past
 * MWAA.
 *
 * <h2>From tests</h2>
 * <pre>{@code
 * MwaaEmulator emu = MwaaEmulator.builder()
 *         .environment("demo").environment("v3demo", "3.0.6")
 *         .iamRole("arn:aws:iam::123456789012:role/mwaa-admin", "Admin", "demo")   // no environments: all
 *         .iamRole("arn:aws:iam::123456789012:role/mwaa-viewer", "Viewer")        // signs in and calls the API
 *         .iamRole(IamRole.of("arn:aws:iam::123456789012:role/mwaa-ui", "Op").withoutRestApi())
 *         .dag("v3demo", "ingest").pausedDag("v3demo", "backfill")                 // else three example DAGs
 *         .secret("mwaa-login/oidc", "client-secret-value")
 *         .build().start();
 * emu.faults("demo").status(500).times(2);      // CreateWebLoginToken on demo
 * emu.faults(MwaaEmulator.STS).throttle();      // every AssumeRole: 400 Throttling
 * emu.faults(MwaaEmulator.restApi("demo")).airflowStatus(503).once();  // InvokeRestApi: RestApiServerException
 * emu.hits(MwaaEmulator.GET_ENVIRONMENT);       // also SECRETS_MANAGER; hits("demo") counts /webtoken/demo
 * emu.hits(MwaaEmulator.restApi("demo"));       // POST /restapi/demo, refused ones included: 0 = MWAA not called
 * emu.airflow("demo").dagRuns("example_etl");   // runs triggered, each with triggeredBy()
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
 * {@code curl -X PUT -d throttle http://127.0.0.1:4566/_emulator/faults/_sts}. Fault targets are environment names,
 * {@code restapi:<env>} (InvokeRestApi, which also takes {@code airflow:STATUS}: Airflow answers that status), and
 * {@code _sts}, {@code _secretsmanager}, {@code _getenvironment}; tests use {@code emu.faults(target)} instead.
 * {@code GET /_emulator/airflow/<env>} shows an environment's DAGs, runs (with who triggered them) and audit log.
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
 *       shortened, by CreateWebLoginToken and InvokeRestApi alike: keep role plus session names short.</li>
 *   <li>InvokeRestApi's Path is at most 64 characters, as MWAA's model says: a run triggered without a
 *       {@code dag_run_id} gets Airflow's own {@code manual__<time>} id, too long to read back by
 *       {@code /dags/<dag>/dagRuns/<run>} in most cases; list the runs, or trigger with a short id.</li>
 *   <li>What the fake Airflow does not model: task instances, the scheduler (runs stay {@code queued}), DAG-level
 *       permissions and custom roles' permissions, MWAA's 10-second timeout and 6 MB answer limit, and the refusal
 *       of environments older than Airflow 2.4.3.</li>
 *   <li>The JDK's server answers 400 itself, unlogged, for a request target {@code java.net.URI} cannot parse: a
 *       raw space, a malformed {@code %} escape, raw UTF-8 with bytes 0x80 to 0x9F. Clients percent-encode, so only
 *       hand-made requests meet this.</li>
 *   <li>The sign-in page's DOM contract for browser tests is described on {@code SsoPage}.</li>
 * </ul>
 */
package dev.mwaalogin.local.emulator;
