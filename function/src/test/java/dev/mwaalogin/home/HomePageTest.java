package dev.mwaalogin.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The home page's HTML escapes everything it shows and runs nothing; its JSON is the same list. */
class HomePageTest {

    private static final HomePage PAGE = new HomePage("<b>eve</b>\"'&", List.of(
            new HomePage.Entry("demo", "2", "Viewer"),
            new HomePage.Entry("an<x>\"y", "3", "Op<script>"),
            new HomePage.Entry("fixed", "configured", "Admin")));

    @Test
    void everyValueIsEscapedAndThePageHasNoScript() {
        String html = PAGE.html();
        assertFalse(html.contains("<b>eve") || html.contains("<x>") || html.contains("<script>"), html);
        assertTrue(html.contains("&lt;b&gt;eve&lt;/b&gt;&quot;&#39;&amp;"), html);
        assertTrue(html.contains("<a href=\"/login/an&lt;x&gt;&quot;y\">an&lt;x&gt;&quot;y</a>"), html);
        assertTrue(html.contains("<a href=\"/login/demo\">demo</a> &middot; Airflow 2 &middot; as <strong>Viewer"),
                html);
        assertTrue(html.contains("fixed</a> &middot; Airflow &middot;"), html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script");
        assertTrue(HomePage.CONTENT_SECURITY_POLICY.startsWith("default-src 'none'"));
    }

    @Test
    void theJsonIsTheSameList() {
        Object json = JsonReader.parse(PAGE.json());
        assertEquals("<b>eve</b>\"'&", JsonReader.text(json, "person"));
        List<Object> environments = JsonReader.array(json, "environments");
        assertEquals(3, environments.size());
        assertEquals("an<x>\"y", JsonReader.text(environments.get(1), "environment"));
        assertEquals("3", JsonReader.text(environments.get(1), "airflowVersion"));
        assertEquals("Op<script>", JsonReader.text(environments.get(1), "airflowRole"));
        assertEquals("/login/demo", JsonReader.text(environments.get(0), "url"));
    }
}
