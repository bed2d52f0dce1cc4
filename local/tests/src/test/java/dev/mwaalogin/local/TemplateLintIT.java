package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IMAGE_TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mwaalogin.local.template.SamTranslator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint on both root templates (the zip deployment's and the container image's), as {@code .ci/run}
 * also does after the build: here it runs within {@code mvn verify}, so a developer sees a finding before CI does.
 * cfn-lint knows CloudFormation's resource specifications, which the other template tests take for granted.
 */
class TemplateLintIT {

    @Test
    void cfnLintFindsNothing() throws Exception {
        for (Path template : List.of(TEMPLATE, IMAGE_TEMPLATE)) {
            SamTranslator.Result lint = SamTranslator.run("lint", template.toString());
            assertEquals(0, lint.exitCode(), () -> "cfn-lint " + template + ":\n" + lint.stdout() + lint.stderr());
            assertEquals("", lint.stdout().strip(), "cfn-lint printed findings for " + template);
        }
    }
}
