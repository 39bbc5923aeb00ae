package org.historian.archive;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.historian.proto.WakuMessageArchiveIndex;
import org.historian.proto.WakuMessageArchiveIndexMetadata;

/**
 * The content of an {@code index} file: every archive of a community, ordered by offset.
 * Immutable; parsing validates every entry so that nothing downstream trusts a bad offset.
 */
public final class ArchiveIndex {
    private static final Pattern ARCHIVE_ID = Pattern.compile("0x[0-9a-f]{64}");
    private static final ArchiveIndex EMPTY = new ArchiveIndex(List.of());

    private final List<ArchiveIndexEntry> entries;

    private ArchiveIndex(List<ArchiveIndexEntry> entriesByOffset) {
        this.entries = List.copyOf(entriesByOffset);
    }

    public static ArchiveIndex empty() {
        return EMPTY;
    }

    /** Archives ordered by offset (which is also oldest first for indexes Historian writes). */
    public List<ArchiveIndexEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Bytes of {@code data} the index accounts for: the end of its last archive. */
    public long accountedLength() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
    }

    public ArchiveIndex withAppended(List<ArchiveIndexEntry> added) {
        List<ArchiveIndexEntry> all = new ArrayList<>(entries);
        all.addAll(added);
        String problem = firstProblem(all);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new ArchiveIndex(all);
    }

    /**
     * Serializes the index. Entries are written in offset order; map order is not significant to
     * readers (spec §4) but a fixed order keeps files reproducible.
     */
    public byte[] toBytes() {
        WakuMessageArchiveIndex.Builder builder = WakuMessageArchiveIndex.newBuilder();
        for (ArchiveIndexEntry entry : entries) {
            builder.putArchives(entry.archiveId(), entry.metadata());
        }
        return builder.build().toByteArray();
    }

    /** Reads and validates an index file; an absent file is the empty index. */
    public static ArchiveIndex read(ArchiveFileSystem files, java.nio.file.Path indexFile) throws java.io.IOException {
        if (!files.exists(indexFile)) {
            return EMPTY;
        }
        return parse(files.readAll(indexFile, ArchiveFormat.MAX_INDEX_BYTES));
    }

    /**
     * Parses and validates an index.
     *
     * @throws ArchiveFormatException naming the first problem found
     */
    public static ArchiveIndex parse(byte[] bytes) throws ArchiveFormatException {
        if (bytes.length > ArchiveFormat.MAX_INDEX_BYTES) {
            throw new ArchiveFormatException("index is " + bytes.length + " bytes, over the limit of "
                    + ArchiveFormat.MAX_INDEX_BYTES + " bytes");
        }
        List<ArchiveIndexEntry> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            // Read the map entries one by one: a protobuf map parser would silently merge
            // duplicated keys, and a duplicated archive ID must be reported.
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            int tag;
            while ((tag = input.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) != 1
                        || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    input.skipField(tag);
                    continue;
                }
                ArchiveIndexEntry entry = parseMapEntry(input.readBytes().newCodedInput(), parsed.size() + 1);
                if (!seen.add(entry.archiveId())) {
                    throw new ArchiveFormatException("archive ID " + entry.archiveId() + " appears twice in the index");
                }
                parsed.add(entry);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ArchiveFormatException("index is not a valid WakuMessageArchiveIndex (truncated or not an index file): "
                    + e.getMessage(), e);
        } catch (ArchiveFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchiveFormatException("index could not be parsed: " + e.getMessage(), e);
        }
        parsed.sort(Comparator.comparingLong(ArchiveIndexEntry::offset));
        String problem = firstProblem(parsed);
        if (problem != null) {
            throw new ArchiveFormatException(problem);
        }
        return new ArchiveIndex(parsed);
    }

    private static ArchiveIndexEntry parseMapEntry(CodedInputStream input, int position) throws IOException {
        String key = null;
        WakuMessageArchiveIndexMetadata value = null;
        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                key = input.readStringRequireUtf8();
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                value = WakuMessageArchiveIndexMetadata.parseFrom(input.readBytes());
            } else {
                input.skipField(tag);
            }
        }
        if (key == null || key.isEmpty()) {
            throw new ArchiveFormatException("index entry #" + position + " has no archive ID");
        }
        if (!ARCHIVE_ID.matcher(key).matches()) {
            throw new ArchiveFormatException("index entry #" + position + ": archive ID \"" + printable(key)
                    + "\" is not 0x followed by 64 lowercase hex digits");
        }
        if (value == null || !value.hasMetadata()) {
            throw new ArchiveFormatException("archive " + key + " has no metadata in the index");
        }
        return new ArchiveIndexEntry(key, value);
    }

    /**
     * Checks each entry and that the archives tile the data file from 0 without gaps or overlaps.
     *
     * @return the first problem, or null when there is none
     */
    private static String firstProblem(List<ArchiveIndexEntry> byOffset) {
        long expectedOffset = 0;
        for (ArchiveIndexEntry entry : byOffset) {
            String id = entry.archiveId();
            long size = entry.size();
            long padding = entry.padding();
            if (entry.offset() < 0 || size < 0 || padding < 0) {
                return "archive " + id + ": offset, size or padding is beyond 2^63 bytes";
            }
            if (size == 0) {
                return "archive " + id + " has size 0";
            }
            if (size > ArchiveFormat.MAX_ARCHIVE_BYTES) {
                return "archive " + id + " has size " + size + ", over the limit of "
                        + ArchiveFormat.MAX_ARCHIVE_BYTES + " bytes";
            }
            if (size % ArchiveFormat.PIECE_LENGTH != 0) {
                return "archive " + id + " has size " + size
                        + ", not a multiple of the piece length " + ArchiveFormat.PIECE_LENGTH;
            }
            if (padding >= size) {
                return "archive " + id + " has padding " + padding + " not smaller than its size " + size;
            }
            if (Long.compareUnsigned(entry.from(), entry.to()) > 0) {
                return "archive " + id + " has from " + Long.toUnsignedString(entry.from())
                        + " after to " + Long.toUnsignedString(entry.to());
            }
            if (entry.offset() != expectedOffset) {
                String kind = entry.offset() < expectedOffset ? "overlaps the archive before it" : "leaves a gap after the archive before it";
                return "archive " + id + " starts at offset " + entry.offset()
                        + " but the archives before it end at " + expectedOffset + ": it " + kind;
            }
            expectedOffset += size;
        }
        return null;
    }

    private static String printable(String text) {
        String clean = text.codePoints().limit(80)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.length() > 80 ? clean + "..." : clean;
    }
}
