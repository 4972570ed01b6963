package dev.custody.sigstore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Records every host name lookup (the JDK's resolver SPI, installed for this test JVM through
 * {@code META-INF/services}) and every URL connection attempt (the default proxy selector, which
 * the JDK's HTTP clients ask first), and refuses both, so a test can prove that verification never
 * touches the network.
 */
public final class NetworkRecorder extends InetAddressResolverProvider {
  private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

  /** Also routes URL connections through the recorder; call before the code under test. */
  static void install() {
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            ATTEMPTS.add("connect " + uri);
            throw new IllegalStateException("test refuses network access to " + uri);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
  }

  /** Forgets an attempt a test made on purpose. */
  static void forget(String attempt) {
    ATTEMPTS.remove(attempt);
  }

  /** Everything attempted so far. */
  static List<String> attempts() {
    return List.copyOf(ATTEMPTS);
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws java.net.UnknownHostException {
        ATTEMPTS.add("lookup " + host);
        throw new java.net.UnknownHostException("test refuses name lookups: " + host);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws java.net.UnknownHostException {
        ATTEMPTS.add("reverse lookup");
        throw new java.net.UnknownHostException("test refuses reverse lookups");
      }
    };
  }

  @Override
  public String name() {
    return "custody-test-network-recorder";
  }
}
