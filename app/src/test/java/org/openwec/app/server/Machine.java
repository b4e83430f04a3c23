package org.openwec.app.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.openwec.adapters.wef.BodyText;

/**
 * A Windows machine as the tests play it: the JDK's HTTPS client with the machine's certificate, posting the
 * messages Windows posts (UTF-16 bodies, SLDC when Windows compresses), over keep-alive connections.
 */
final class Machine implements AutoCloseable {

    /** An answer, its body decoded as the collector writes it (UTF-16 with a byte order mark). */
    record Answer(int status, String text) {
        boolean isAck() {
            return status == 200 && text.contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack");
        }
    }

    /**
     * One subscription of an EnumerateResponse.
     *
     * @param bookmark the text inside {@code w:Bookmark}, null without one
     */
    record Offer(String identifier, String version, String address, String bookmark) {}

    private static final Pattern SUBSCRIPTION = Pattern.compile("<m:Subscription[^>]*>(.*?)</m:Subscription>", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("<e:Identifier>([^<]+)</e:Identifier>");
    private static final Pattern VERSION = Pattern.compile("<m:Version>uuid:([^<]+)</m:Version>");
    private static final Pattern ADDRESS = Pattern.compile("<e:NotifyTo><a:Address>([^<]+)</a:Address>");
    private static final Pattern BOOKMARK = Pattern.compile("<w:Bookmark>(.*?)</w:Bookmark>", Pattern.DOTALL);

    private final HttpClient client;
    private final int port;

    Machine(SSLContext context, int port) {
        this.client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.port = port;
    }

    Answer post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/soap+xml;charset=UTF-16")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        return new Answer(response.statusCode(), bytes.length == 0 ? "" : BodyText.decode(bytes).text());
    }

    Answer enumerate() throws IOException, InterruptedException {
        return post(Messages.ENUMERATE_PATH, Messages.enumerate());
    }

    Answer events(String subscription, String version, String bookmark, String... events)
            throws IOException, InterruptedException {
        return post(Messages.subscriptionPath(subscription),
                BodyText.encode(Messages.events(subscription, version, bookmark, events)));
    }

    Answer heartbeat(String subscription) throws IOException, InterruptedException {
        return post(Messages.subscriptionPath(subscription), BodyText.encode(Messages.heartbeat(subscription)));
    }

    Answer end(String subscription) throws IOException, InterruptedException {
        return post(Messages.subscriptionPath(subscription), BodyText.encode(Messages.end()));
    }

    static List<Offer> offers(Answer enumerateResponse) {
        List<Offer> offers = new ArrayList<>();
        Matcher subscriptions = SUBSCRIPTION.matcher(enumerateResponse.text());
        while (subscriptions.find()) {
            String xml = subscriptions.group(1);
            Matcher bookmark = BOOKMARK.matcher(xml);
            offers.add(new Offer(first(IDENTIFIER, xml), first(VERSION, xml), first(ADDRESS, xml),
                    bookmark.find() ? bookmark.group(1) : null));
        }
        return offers;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    @Override
    public void close() {
        client.close();
    }
}
