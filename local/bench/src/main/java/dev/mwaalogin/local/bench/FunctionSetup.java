package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function as one row runs it: its code laid out as {@code sam build} lays it out (a task root), its definition
 * from the template (handler, memory, timeout) and its environment variables.
 *
 * @param taskRoot    classes at the root, jars in {@code lib/}
 * @param function    the template's definition; its handler is what the runtime client loads
 * @param environment the function's variables in this configuration, in order
 */
record FunctionSetup(Path taskRoot, Template.Function function, Map<String, String> environment) {

    FunctionSetup {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The same with more (or changed) variables. */
    FunctionSetup withVariables(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(more);
        return new FunctionSetup(taskRoot, function, merged);
    }

    /** The same code and configuration from another task root (a variant of the same build). */
    FunctionSetup withTaskRoot(Path other) {
        return new FunctionSetup(other, function, environment);
    }

    /** The same with another handler, {@code package.Class::method}. */
    FunctionSetup withHandler(String handler) {
        Template.Function f = function;
        return new FunctionSetup(taskRoot, new Template.Function(f.logicalId(), handler, f.runtime(), f.memoryMb(),
                f.timeoutSecs(), f.environment(), f.routes()), environment);
    }
}
