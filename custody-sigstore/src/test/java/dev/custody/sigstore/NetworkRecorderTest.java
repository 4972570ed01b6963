package dev.custody.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The recorder the no-network assertions rely on does see lookups and connections. */
class NetworkRecorderTest {
  @Test
  void recordsAndRefusesNameLookups() {
    assertThatThrownBy(() -> InetAddress.getAllByName("rekor.sigstore.dev"))
        .isInstanceOf(UnknownHostException.class);
    assertThat(NetworkRecorder.attempts()).contains("lookup rekor.sigstore.dev");
    NetworkRecorder.forget("lookup rekor.sigstore.dev");
  }

  @Test
  void recordsAndRefusesUrlConnections() {
    NetworkRecorder.install();
    assertThatThrownBy(() ->
            URI.create("https://tuf-repo-cdn.sigstore.dev/").toURL().openConnection().connect())
        .isNotNull();
    assertThat(NetworkRecorder.attempts()).contains("connect https://tuf-repo-cdn.sigstore.dev/");
    NetworkRecorder.forget("connect https://tuf-repo-cdn.sigstore.dev/");
  }
}
