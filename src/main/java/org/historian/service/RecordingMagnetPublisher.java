package org.historian.service;

import java.time.Clock;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.waku.MagnetPublisher;

/**
 * The default publisher: records the link in the event log only. The caller stores the link and
 * its clock in the community's archive info; members learn nothing until a Waku publisher is set
 * up, which is what the event says.
 */
public final class RecordingMagnetPublisher implements MagnetPublisher {
    private final EventSink events;
    private final Clock clock;

    public RecordingMagnetPublisher(EventSink events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Delivery publish(CommunityId community, String magnetUri, long linkClock) {
        events.emit(HistorianEvent.of(clock.instant(), EventType.MAGNET_RECORDED, community)
                .withDetail("recorded only, not sent to the Waku network (clock " + linkClock + "): " + magnetUri));
        return new Delivery(false, "not sent to the Waku network: publishing is off (setting waku.publish); members do not "
                + "learn of new archives");
    }

    @Override
    public String describe() {
        return "recorded only, not sent to the Waku network";
    }
}
