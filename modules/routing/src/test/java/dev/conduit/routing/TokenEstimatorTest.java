package dev.conduit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.testing.ClaudeCodeFixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The estimate that spares most requests the tokenizer stays close to the count on real requests. */
class TokenEstimatorTest {

    static final List<String> FIXTURES = ClaudeCodeFixtures.ALL;

    private final TokenCounter counter = TokenCounter.cl100k();

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void onClaudeCodesRequestsTheEstimateIsWithinAFifthOfTheCount(String fixture) {
        MessagesRequest request = AnthropicRequestReader.read(ClaudeCodeFixtures.body(fixture));

        double ratio = TokenEstimator.estimate(request) / (double) counter.count(request);

        assertThat(ratio).isBetween(0.8, 1.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Der Router wählt das Modell anhand der Anzahl der Tokens.",
        "Маршрутизатор выбирает модель по количеству токенов в запросе.",
        "路由器根据令牌数量选择模型，长上下文请求会被发送到另一个提供商。",
        "ルーターはトークン数に基づいてモデルを選択します。",
        "for (int i = 0; i < length; i++) { total += parts[i].size(); }",
        "0x7f3a9c 0x11be42 0xdeadbeef 3.14159 2.71828 1.41421 42 1337 65535"})
    void onOtherTextsAGaugeDecidesAsTheCountDoes(String sentence) {
        MessagesRequest request = Routing.body("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + sentence.repeat(400) + "\"}]}");
        long count = counter.count(request);

        for (double factor : new double[] {0.3, 0.7, 0.95, 1.05, 1.4, 3.5}) {
            long limit = (long) (count * factor);
            assertThat(new TokenGauge(request, counter, -1).above(limit)).as("more than %d of %d", limit, count)
                    .isEqualTo(count > limit);
        }
    }
}
