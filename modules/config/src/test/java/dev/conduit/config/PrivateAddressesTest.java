package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "0.0.0.0", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "192.0.0.8", "::1", "::", "fe80::1",
        "fd00:ec2::254", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "[::1]"})
    void nonPublicAddressesArePrivate(String literal) {
        assertThat(PrivateAddresses.literal(literal)).hasValueSatisfying(address ->
                assertThat(PrivateAddresses.isPrivate(address)).as(literal).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808"})
    void publicAddressesAreNot(String literal) {
        assertThat(PrivateAddresses.literal(literal)).hasValueSatisfying(address ->
                assertThat(PrivateAddresses.isPrivate(address)).as(literal).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com", "localhost", "not an address"})
    void namesAreNoLiterals(String name) {
        assertThat(PrivateAddresses.literal(name)).isEmpty();
    }
}
