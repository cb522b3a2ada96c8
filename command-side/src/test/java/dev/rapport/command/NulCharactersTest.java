package dev.rapport.command;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.rapport.platform.web.InvalidField;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    record Line(String productId) {
    }

    record Order(String orderId, List<Line> lines, Map<String, String> notes) {
    }

    @Test
    void aNulCharacterAnywhereInACommandIsRefusedNamingTheField() {
        assertThatThrownBy(() -> NulCharacters.refuseIn(new Order("o\u00001", List.of(), Map.of())))
                .isInstanceOf(InvalidField.class).extracting(e -> ((InvalidField) e).field()).isEqualTo("orderId");
        assertThatThrownBy(() -> NulCharacters.refuseIn(new Order("o-1", List.of(new Line("p"), new Line("p\u0000")), Map.of())))
                .isInstanceOf(InvalidField.class).extracting(e -> ((InvalidField) e).field()).isEqualTo("lines[1].productId");
        assertThatThrownBy(() -> NulCharacters.refuseIn(new Order("o-1", List.of(), Map.of("seat", "aisle\u0000"))))
                .isInstanceOf(InvalidField.class).extracting(e -> ((InvalidField) e).field()).isEqualTo("notes[seat]");
    }

    @Test
    void anythingElseIsLeftAlone() {
        assertThatCode(() -> NulCharacters.refuseIn(new Order("订单-١-🙂", List.of(new Line(null)), Map.of("k", "\t\n")))).doesNotThrowAnyException();
    }
}
