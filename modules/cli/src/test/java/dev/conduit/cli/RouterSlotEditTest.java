package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Setting a Router slot changes only what it must, in every shape a config file comes in. */
class RouterSlotEditTest {

    private static final String TARGET = "\"a,b\"";

    @Test
    void replacesOnlyTheValueWhateverItWas() {
        assertThat(RouterSlotEdit.set("{Router: {think: 'x,y' /* why */, default: 'c,d'}}", "think", TARGET))
                .isEqualTo("{Router: {think: \"a,b\" /* why */, default: 'c,d'}}");
        assertThat(RouterSlotEdit.set("{\"Router\": {\"think\": {\"targets\": [\"x,y\", \"z,w\"]}}}", "think", TARGET))
                .isEqualTo("{\"Router\": {\"think\": \"a,b\"}}");
        assertThat(RouterSlotEdit.set("{Router: {think: 'x,y', think: 'p,q'}}", "think", TARGET))
                .as("the last of a key written twice is the one in force").isEqualTo("{Router: {think: 'x,y', think: \"a,b\"}}");
        assertThat(RouterSlotEdit.set("\uFEFF{Router: {think: 'x,y'}}", "think", TARGET))
                .isEqualTo("\uFEFF{Router: {think: \"a,b\"}}");
    }

    @Test
    void addsAMissingSlotAfterTheLastMemberOnItsOwnLine() {
        assertThat(RouterSlotEdit.set("""
                {
                  "Router": {
                    "default": "c,d" // everyday
                  }
                }
                """, "think", TARGET)).isEqualTo("""
                {
                  "Router": {
                    "default": "c,d", // everyday
                    "think": "a,b"
                  }
                }
                """);
        assertThat(RouterSlotEdit.set("{\n\tRouter: {\n\t\tdefault: 'c,d',\n\t},\n}\n", "think", TARGET))
                .isEqualTo("{\n\tRouter: {\n\t\tdefault: 'c,d',\n\t\t\"think\": \"a,b\"\n\t},\n}\n");
        assertThat(RouterSlotEdit.set("{Router: {default: 'c,d'}}", "think", TARGET))
                .isEqualTo("{Router: {default: 'c,d', \"think\": \"a,b\"}}");
    }

    @Test
    void addsRouterWhenThereIsNone() {
        assertThat(RouterSlotEdit.set("{\n  PORT: 3456\n}\n", "default", TARGET))
                .isEqualTo("{\n  PORT: 3456,\n  \"Router\": {\"default\": \"a,b\"}\n}\n");
        assertThat(RouterSlotEdit.set("{Router: {}}", "default", TARGET)).isEqualTo("{Router: {\"default\": \"a,b\"}}");
        assertThat(RouterSlotEdit.set("// nothing yet\n{}", "default", TARGET))
                .isEqualTo("// nothing yet\n{\"Router\": {\"default\": \"a,b\"}}");
    }

    @Test
    void refusesWhatItCannotEdit() {
        assertThatThrownBy(() -> RouterSlotEdit.set("{Router: null}", "think", TARGET))
                .hasMessage("Router is not an object, so think cannot be added to it");
        assertThatThrownBy(() -> RouterSlotEdit.set("[1, 2]", "think", TARGET)).hasMessage("the file is not a JSON object");
        assertThatThrownBy(() -> RouterSlotEdit.set("{Router: {", "think", TARGET)).hasMessage("the file is not a JSON object");
    }
}
