package dev.mwaalogin.local;

import dev.mwaalogin.local.template.TemplateFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * function/ must build alone (sam build copies it without the parent POM), so it pins its own versions; this keeps
 * them and the parent's (which local/ uses) from drifting apart: the SDK that local/ tests against is the SDK that
 * ships.
 */
class VersionsTest {

    private static final Path ROOT = TemplateFixtures.ROOT;

    private static Map<String, String> properties(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Map<String, String> properties = new TreeMap<>();
        NodeList nodes = ((Element) document.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element property) {
                properties.put(property.getTagName(), property.getTextContent().trim());
            }
        }
        return properties;
    }

    /** The version a POM gives a dependency, wherever it declares it; null when it does not. */
    private static String dependencyVersion(Path pom, String artifactId) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList dependencies = document.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim().equals(artifactId)
                    && dependency.getElementsByTagName("version").getLength() > 0) {
                return dependency.getElementsByTagName("version").item(0).getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theFunctionAndTheParentPinTheSameVersions() throws Exception {
        Map<String, String> parent = properties(ROOT.resolve("pom.xml"));
        Map<String, String> function = properties(ROOT.resolve("function/pom.xml"));
        for (String property : new String[] {"aws.sdk.version", "junit.version", "maven.compiler.release"}) {
            assertFalse(parent.get(property) == null, property + " in pom.xml");
            assertEquals(parent.get(property), function.get(property), property + ": pom.xml vs function/pom.xml");
        }
    }

    @Test
    void librariesBothModulesNameHaveOneVersion() throws Exception {
        Path function = ROOT.resolve("function/pom.xml");
        Path local = ROOT.resolve("local/pom.xml");
        for (String artifact : new String[] {"aws-lambda-java-events", "jqwik"}) {
            String inFunction = dependencyVersion(function, artifact);
            String inLocal = dependencyVersion(local, artifact);
            if (inFunction != null && inLocal != null) {
                assertEquals(inFunction, inLocal, artifact + ": function/pom.xml vs local/pom.xml");
            }
        }
        assertFalse(Files.readString(local).contains("<artifactId>mwaa-login-function</artifactId>\n      <version>1"),
                "local/ takes the function from the reactor, not a pinned copy");
    }
}
