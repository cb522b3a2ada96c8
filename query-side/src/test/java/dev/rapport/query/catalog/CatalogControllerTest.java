package dev.rapport.query.catalog;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.rapport.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class CatalogControllerTest {

    private final EventCatalog catalog = new EventCatalog();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new CatalogController(catalog))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @Test
    void theCatalogIsServedAsJson() throws Exception {
        mvc.perform(get("/api/catalog"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events.length()").value(catalog.catalog().events().size()))
                .andExpect(jsonPath("$.events[?(@.name == 'InteractionLogged')].revision").value(hasItem("2")))
                .andExpect(jsonPath("$.events[?(@.name == 'InteractionLogged')].upcasters[0].by")
                        .value(hasItem("InteractionLoggedLanguageUpcaster")))
                .andExpect(jsonPath("$.events[?(@.name == 'ComplaintFiled')].fields[?(@.name == 'description')].personal")
                        .value(hasItem(true)))
                .andExpect(jsonPath("$.events[0].revision").hasJsonPath());
    }

    @Test
    void andAsTheCommittedMarkdown() throws Exception {
        mvc.perform(get("/api/catalog.md"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(CatalogController.MARKDOWN))
                .andExpect(content().encoding("UTF-8"))
                .andExpect(content().string(Files.readString(Path.of("../docs/event-catalog.md"))));
    }
}
