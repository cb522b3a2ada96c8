package dev.rapport.command.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import dev.rapport.command.TestCommandSenders;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The HTTP edge of logging an interaction: the optional language reaches the command. The rules are InteractionTest's. */
class InteractionCommandControllerTest {

    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(LogInteraction.class.getName(), message -> {
            sent.add(message);
            return null;
        });
        var gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        mvc = MockMvcBuilders.standaloneSetup(new InteractionCommandController(TestCommandSenders.over(gateway)))
                .setControllerAdvice(new ProblemDetailsAdvice())
                .build();
    }

    @Test
    void theLanguageOfTheContactIsPassedOn() throws Exception {
        log("""
                {"channel": "PHONE", "direction": "INBOUND", "language": "de-AT", "topic": "invoice", "handledBy": "emp-1"}""")
                .andExpect(status().isCreated());

        assertThat(((LogInteraction) sent.get(0).getPayload()).language()).isEqualTo("de-AT");
    }

    @Test
    void withoutALanguageItIsUnknown() throws Exception {
        log("""
                {"channel": "PHONE", "direction": "INBOUND", "topic": "invoice", "handledBy": "emp-1"}""")
                .andExpect(status().isCreated());

        assertThat(((LogInteraction) sent.get(0).getPayload()).language()).isNull();
    }

    @Test
    void aLanguageThatIsNotATagIsA400NamingIt() throws Exception {
        log("""
                {"channel": "PHONE", "direction": "INBOUND", "language": "German", "topic": "invoice", "handledBy": "emp-1"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("language"));

        assertThat(sent).isEmpty();
    }

    private org.springframework.test.web.servlet.ResultActions log(String body) throws Exception {
        return mvc.perform(post("/api/customers/c-1/interactions").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
