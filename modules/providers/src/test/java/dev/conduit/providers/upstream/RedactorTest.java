package dev.conduit.providers.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.Secret;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of(new Secret("my-own-provider-token-42")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Incorrect API key provided: sk-proj-Ab12_Cd34-Ef56 (check your key)  | Incorrect API key provided: **** (check your key)
            key sk-or-v1-0123456789abcdef0123 is not allowed                      | key **** is not allowed
            Invalid API Key gsk_AbCdEf123456XyZAbCdEf123456                      | Invalid API Key ****
            API key not valid: AIzaSyA1b2C3d4E5f6G7h8I9j0-_x                     | API key not valid: ****
            Incorrect API key xai-AbCdEf123456AbCdEf123456                        | Incorrect API key ****
            masked sk-abc1***************wxyz here                                | masked **** here
            Authorization: Bearer xyz0123456789abc failed                         | Authorization: Bearer **** failed
            header 'authorization: bearer abcdefgh.ijk-lmn'                       | header 'authorization: bearer ****'
            rejected token my-own-provider-token-42 for /v1/chat                  | rejected token **** for /v1/chat
            keys sk-first11111111111111 and sk-second2222222222222          | keys **** and ****
            """)
    void replacesSecretsAndKeyShapedStrings(String text, String redacted) {
        assertThat(redactor.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The model is overloaded, please retry in 30 seconds",
        "task-runner failed during risk-assessment of desk-reference data",
        "model sk-small not found",
        "the Bearer short token",
        "the bearer instrument",
        "pip install sk-learn-extras.",
        "Unexpected token < in JSON at position 0",
        "rate limit: 40000 tokens per minute, used 39817"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void everyConfiguredSecretIsReplacedEverywhere() {
        Redactor two = new Redactor(List.of(new Secret("alpha-secret-1"), new Secret("beta-secret-2")));

        assertThat(two.redact("alpha-secret-1/beta-secret-2/alpha-secret-1")).isEqualTo("****/****/****");
    }
}
