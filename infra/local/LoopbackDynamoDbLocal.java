// Starts AWS's DynamoDB Local listening on 127.0.0.1 only (issue 17, row 6).
//
// DynamoDB Local 1.25.1 has no option for its listening address: its Jetty server binds every
// interface, so any host that reaches this machine could read and write the local database with
// dummy credentials. This launcher builds the server exactly as DynamoDB Local's own main() does,
// from the same command-line arguments, then sets the host of its connectors to the loopback
// address before starting it. infra/local/dynamodb-local.ts compiles it once into the cache and
// runs it in place of the jar's main class:
//   java -cp DynamoDBLocal.jar:<cache> LoopbackDynamoDbLocal -inMemory -port 8000
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // The Jetty server is private and created unstarted: set its connectors' host, then start.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost(LOOPBACK);
    }
    proxy.start();
  }
}
