// Command statuspeer plays the Status side of Historian's real-network tests, on 127.0.0.1:
//
//	statuspeer send   -node URL -community 0x… -count N
//	    publishes N community chat messages on the universal chat through a Waku node's relay
//	    REST API, encrypted as status-go does (go-waku's payload package, version 1, symmetric
//	    key of the chat, signed); prints {"sent": N, "hashes": [...]}.
//	statuspeer member -node URL -community 0x… -peer HOST:PORT -dir DIR -timeout S
//	    a current Status member: subscribes on the node, waits for the archive link on the
//	    universal chat, checks it (go-waku's payload code, then layers 1-3 decoded here from the
//	    spec), downloads the magnet link with anacrolix/torrent configured as status-go does,
//	    index first, then every archive, and checks IDs, padding and message counts; prints JSON.
//	    With -store, a member that joins later: it reads the community's links from the node's
//	    store (v1 REST) instead of waiting on relay, and takes the one with the highest clock.
//	statuspeer seed   -key HEX -dir DIR -weeks N
//	    writes a community folder by the spec's rules (status-go's padding quirk, messages not in
//	    order), seeds it with anacrolix, prints {"magnet": …, "port": …, …}, and seeds until
//	    standard input closes.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anacrolix/torrent"
	"github.com/anacrolix/torrent/bencode"
	"github.com/anacrolix/torrent/metainfo"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/waku-org/go-waku/waku/v2/payload"
	"github.com/waku-org/go-waku/waku/v2/protocol/pb"
	"golang.org/x/crypto/pbkdf2"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

const (
	pubsubTopic  = "/waku/2/rs/16/32"
	pieceLength  = 102400
	linkType     = 43
	pbkdf2Rounds = 65356
)

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: statuspeer send|member|seed|folder …"))
	}
	var err error
	switch os.Args[1] {
	case "send":
		err = send(os.Args[2:])
	case "member":
		err = member(os.Args[2:])
	case "seed":
		err = seed(os.Args[2:])
	case "folder":
		err = folderOnly(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	emit(map[string]any{"error": err.Error()})
	os.Exit(1)
}

func emit(record map[string]any) {
	line, _ := json.Marshal(record)
	fmt.Println(string(line))
}

// universalChat gives the chat ID, its content topic and its key (spec §1, §12).
func universalChat(community string) (chatID, contentTopic string, key []byte) {
	chatID = community + "-memberUpdate"
	contentTopic = "/waku/1/0x" + hex.EncodeToString(crypto.Keccak256([]byte(chatID))[:4]) + "/rfc26"
	key = pbkdf2.Key([]byte(chatID), nil, pbkdf2Rounds, 32, sha256.New)
	return
}

// ---- send ----

func send(args []string) error {
	flags := flag.NewFlagSet("send", flag.ExitOnError)
	node := flags.String("node", "", "REST URL of the Waku node")
	community := flags.String("community", "", "community ID, 0x…")
	count := flags.Int("count", 10, "messages to send")
	flags.Parse(args)
	_, contentTopic, key := universalChat(*community)
	signer, err := crypto.GenerateKey()
	if err != nil {
		return err
	}
	var hashes []string
	for i := 0; i < *count; i++ {
		chat := appMessage(1, []byte(fmt.Sprintf("message %d of a community channel", i)), nil)
		layer3 := protocolMessage("statuspeer", chat)
		p := payload.Payload{Data: layer3, Key: &payload.KeyInfo{Kind: payload.Symmetric, SymKey: key, PrivKey: signer}}
		encoded, err := p.Encode(1)
		if err != nil {
			return err
		}
		timestamp := time.Now().UnixNano()
		message := &pb.WakuMessage{Payload: encoded, ContentTopic: contentTopic, Version: proto.Uint32(1), Timestamp: proto.Int64(timestamp)}
		if err := relayPublish(*node, message); err != nil {
			return err
		}
		hashes = append(hashes, message.Hash(pubsubTopic).String())
		time.Sleep(10 * time.Millisecond) // distinct timestamps, as from a person typing
	}
	emit(map[string]any{"sent": len(hashes), "hashes": hashes, "contentTopic": contentTopic})
	return nil
}

func appMessage(kind uint64, data, signature []byte) []byte {
	var b []byte
	if signature != nil {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, signature)
	}
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, data)
	b = protowire.AppendTag(b, 3, protowire.VarintType)
	b = protowire.AppendVarint(b, kind)
	return b
}

func protocolMessage(installation string, public []byte) []byte {
	var b []byte
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, installation)
	b = protowire.AppendTag(b, 102, protowire.BytesType)
	b = protowire.AppendBytes(b, public)
	return b
}

type restMessage struct {
	Payload      string `json:"payload"`
	ContentTopic string `json:"contentTopic"`
	Version      int    `json:"version"`
	Timestamp    int64  `json:"timestamp"`
}

func relayPublish(node string, message *pb.WakuMessage) error {
	body, _ := json.Marshal(restMessage{Payload: base64.StdEncoding.EncodeToString(message.Payload), ContentTopic: message.ContentTopic,
		Version: int(message.GetVersion()), Timestamp: message.GetTimestamp()})
	response, err := http.Post(node+"/relay/v1/messages/"+url.PathEscape(pubsubTopic), "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer response.Body.Close()
	answer, _ := io.ReadAll(response.Body)
	if response.StatusCode != 200 {
		return fmt.Errorf("relay publish: %d %s", response.StatusCode, answer)
	}
	return nil
}

// ---- member ----

type archiveLink struct {
	clock     uint64
	link      string
	transport string
}

func member(args []string) error {
	flags := flag.NewFlagSet("member", flag.ExitOnError)
	node := flags.String("node", "", "REST URL of the Waku node to subscribe on")
	community := flags.String("community", "", "community ID, 0x…")
	peer := flags.String("peer", "", "HOST:PORT of the seeder (what DHT or trackers would give)")
	dir := flags.String("dir", "", "where the torrent client keeps its files")
	timeout := flags.Int("timeout", 120, "seconds to wait for the link and the download")
	fromStore := flags.Bool("store", false, "read the newest link from the node's store instead of waiting on relay")
	flags.Parse(args)
	deadline := time.Now().Add(time.Duration(*timeout) * time.Second)
	var link archiveLink
	var err error
	if *fromStore {
		link, err = newestStoredLink(*node, *community)
	} else {
		if err := subscribe(*node); err != nil {
			return err
		}
		emit(map[string]any{"subscribed": *node})
		link, err = waitForLink(*node, *community, deadline)
	}
	if err != nil {
		return err
	}
	emit(map[string]any{"link": link.link, "clock": link.clock, "transportSigner": link.transport})
	archives, err := download(link.link, *peer, *dir, *community, deadline)
	if err != nil {
		return err
	}
	emit(map[string]any{"ok": true, "archives": archives})
	return nil
}

func subscribe(node string) error {
	body, _ := json.Marshal([]string{pubsubTopic})
	response, err := http.Post(node+"/relay/v1/subscriptions", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer response.Body.Close()
	if response.StatusCode != 200 {
		answer, _ := io.ReadAll(response.Body)
		return fmt.Errorf("subscribe: %d %s", response.StatusCode, answer)
	}
	return nil
}

// waitForLink polls the node for relayed messages and returns the first archive link of the
// community that a current member accepts; every other message is reported and skipped.
func waitForLink(node, community string, deadline time.Time) (archiveLink, error) {
	_, contentTopic, key := universalChat(community)
	communityKey, err := hex.DecodeString(strings.TrimPrefix(community, "0x"))
	if err != nil {
		return archiveLink{}, err
	}
	for time.Now().Before(deadline) {
		response, err := http.Get(node + "/relay/v1/messages/" + url.PathEscape(pubsubTopic))
		if err != nil {
			return archiveLink{}, err
		}
		var messages []restMessage
		err = json.NewDecoder(response.Body).Decode(&messages)
		response.Body.Close()
		if err != nil {
			return archiveLink{}, fmt.Errorf("relay messages: %w", err)
		}
		for _, m := range messages {
			if m.ContentTopic != contentTopic {
				emit(map[string]any{"skipped": m.ContentTopic, "why": "not the universal chat"})
				continue
			}
			link, err := readLink(m, key, communityKey)
			if err != nil {
				emit(map[string]any{"skipped": m.ContentTopic, "why": err.Error()})
				continue
			}
			return link, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return archiveLink{}, errors.New("no archive link of the community arrived in time")
}

// newestStoredLink reads the stored messages of the universal chat (v1 store REST, one page of
// up to 100: enough for a test) and returns the accepted link with the highest clock (spec §6
// step 1).
func newestStoredLink(node, community string) (archiveLink, error) {
	_, contentTopic, key := universalChat(community)
	communityKey, err := hex.DecodeString(strings.TrimPrefix(community, "0x"))
	if err != nil {
		return archiveLink{}, err
	}
	query := url.Values{"pubsubTopic": {pubsubTopic}, "contentTopics": {contentTopic}, "pageSize": {"100"}, "ascending": {"true"}}
	response, err := http.Get(node + "/store/v1/messages?" + query.Encode())
	if err != nil {
		return archiveLink{}, err
	}
	defer response.Body.Close()
	var answer struct {
		Messages []restMessage   `json:"messages"`
		Cursor   json.RawMessage `json:"cursor"`
	}
	if err := json.NewDecoder(response.Body).Decode(&answer); err != nil {
		return archiveLink{}, fmt.Errorf("store messages: %w", err)
	}
	if len(answer.Cursor) > 0 && string(answer.Cursor) != "null" {
		return archiveLink{}, errors.New("the store holds more than one page of the universal chat; this member reads one")
	}
	var newest archiveLink
	found := false
	for _, m := range answer.Messages {
		link, err := readLink(m, key, communityKey)
		if err != nil {
			emit(map[string]any{"skipped": m.ContentTopic, "why": err.Error()})
			continue
		}
		if !found || link.clock > newest.clock {
			newest, found = link, true
		}
	}
	if !found {
		return archiveLink{}, errors.New("the store holds no archive link of the community")
	}
	return newest, nil
}

func readLink(m restMessage, key, communityKey []byte) (archiveLink, error) {
	raw, err := base64.StdEncoding.DecodeString(m.Payload)
	if err != nil {
		return archiveLink{}, err
	}
	message := &pb.WakuMessage{Payload: raw, ContentTopic: m.ContentTopic, Version: proto.Uint32(uint32(m.Version)), Timestamp: proto.Int64(m.Timestamp)}
	decoded, err := payload.DecodePayload(message, &payload.KeyInfo{Kind: payload.Symmetric, SymKey: key})
	if err != nil {
		return archiveLink{}, fmt.Errorf("layer 4: %w", err)
	}
	if decoded.PubKey == nil {
		return archiveLink{}, errors.New("layer 4 is not signed: a Status client drops it")
	}
	layer3, err := parseFields(decoded.Data)
	if err != nil {
		return archiveLink{}, fmt.Errorf("layer 3: %w", err)
	}
	public := first(layer3, 102)
	if public == nil {
		return archiveLink{}, errors.New("layer 3 has no public_message")
	}
	layer2, err := parseFields(public.bytes)
	if err != nil {
		return archiveLink{}, fmt.Errorf("layer 2: %w", err)
	}
	signature, inner, kind := first(layer2, 1), first(layer2, 2), first(layer2, 3)
	if kind == nil || kind.varint != linkType {
		return archiveLink{}, errors.New("layer 2 is not type 43 (an archive link)")
	}
	if signature == nil || inner == nil {
		return archiveLink{}, errors.New("layer 2 lacks its signature or payload")
	}
	signer, err := crypto.SigToPub(crypto.Keccak256(inner.bytes), signature.bytes)
	if err != nil {
		return archiveLink{}, fmt.Errorf("layer 2 signature: %w", err)
	}
	if !bytes.Equal(crypto.CompressPubkey(signer), communityKey) {
		return archiveLink{}, errors.New("layer 2 is not signed by the community")
	}
	layer1, err := parseFields(inner.bytes)
	if err != nil {
		return archiveLink{}, fmt.Errorf("layer 1: %w", err)
	}
	clock, link := first(layer1, 1), first(layer1, 2)
	if clock == nil || link == nil || !strings.HasPrefix(string(link.bytes), "magnet:?") {
		return archiveLink{}, errors.New("layer 1 lacks a clock or a magnet link")
	}
	return archiveLink{clock: clock.varint, link: string(link.bytes), transport: hex.EncodeToString(crypto.CompressPubkey(decoded.PubKey))}, nil
}

// statusGoClient is a torrent client made as status-go makes it (NewDefaultClientConfig, Seed),
// kept on 127.0.0.1 without DHT for the test.
func statusGoClient(dir string) (*torrent.Client, error) {
	config := torrent.NewDefaultClientConfig()
	config.SetListenAddr("127.0.0.1:0")
	config.Seed = true
	config.DataDir = dir
	config.NoDHT = true
	config.DisableIPv6 = true
	config.NoDefaultPortForwarding = true
	return torrent.NewClient(config)
}

func tcpAddr(hostPort string) (*net.TCPAddr, error) {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		return nil, err
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return nil, err
	}
	return &net.TCPAddr{IP: net.ParseIP(host), Port: p}, nil
}

type checkedArchive struct {
	ID       string `json:"id"`
	From     uint64 `json:"from"`
	To       uint64 `json:"to"`
	Messages int    `json:"messages"`
	Padding  uint64 `json:"padding"`
}

// download fetches as a member does (spec §6): the index first, then every archive, oldest first.
func download(magnet, peer, dir, community string, deadline time.Time) ([]checkedArchive, error) {
	client, err := statusGoClient(dir)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	t, err := client.AddMagnet(magnet)
	if err != nil {
		return nil, err
	}
	address, err := tcpAddr(peer)
	if err != nil {
		return nil, err
	}
	t.AddPeers([]torrent.PeerInfo{{Addr: address, Trusted: true}})
	select {
	case <-t.GotInfo():
	case <-time.After(time.Until(deadline)):
		return nil, errors.New("no metadata from the seeder")
	}
	if t.Name() != community {
		return nil, fmt.Errorf("the torrent is named %s, not %s", t.Name(), community)
	}
	var indexFile, dataFile *torrent.File
	for _, f := range t.Files() {
		switch filepath.Base(f.Path()) {
		case "index":
			indexFile = f
		case "data":
			dataFile = f
		}
	}
	if indexFile == nil || dataFile == nil || len(t.Files()) != 2 {
		return nil, errors.New("the torrent is not a community folder of data and index")
	}
	indexFile.Download()
	if err := waitFor(func() bool { return indexFile.BytesCompleted() == indexFile.Length() }, deadline); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	indexBytes, err := os.ReadFile(filepath.Join(dir, t.Name(), "index"))
	if err != nil {
		return nil, err
	}
	entries, err := parseIndex(indexBytes)
	if err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].metadata.from < entries[j].metadata.from })
	var checked []checkedArchive
	for _, e := range entries {
		begin, end := int(e.offset/pieceLength), int((e.offset+e.size)/pieceLength)
		t.DownloadPieces(begin, end)
		if err := waitFor(func() bool {
			for i := begin; i < end; i++ {
				if !t.PieceState(i).Complete {
					return false
				}
			}
			return true
		}, deadline); err != nil {
			return nil, fmt.Errorf("archive %s: %w", e.id, err)
		}
		archive, err := checkArchive(filepath.Join(dir, t.Name(), "data"), e)
		if err != nil {
			return nil, err
		}
		checked = append(checked, archive)
	}
	return checked, nil
}

func waitFor(done func() bool, deadline time.Time) error {
	for !done() {
		if time.Now().After(deadline) {
			return errors.New("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// checkArchive checks one archive against its index entry: ID, piece alignment, zero padding,
// metadata, messages in range.
func checkArchive(dataPath string, e indexEntry) (checkedArchive, error) {
	id := "0x" + hex.EncodeToString(crypto.Keccak256(e.raw))
	if id != e.id {
		return checkedArchive{}, fmt.Errorf("archive %s: the Keccak-256 of its entry is %s", e.id, id)
	}
	if e.offset%pieceLength != 0 || e.size%pieceLength != 0 || e.size == 0 || e.padding >= e.size {
		return checkedArchive{}, fmt.Errorf("archive %s: offset %d, size %d and padding %d are not piece-aligned", e.id, e.offset, e.size, e.padding)
	}
	file, err := os.Open(dataPath)
	if err != nil {
		return checkedArchive{}, err
	}
	defer file.Close()
	block := make([]byte, e.size)
	if _, err := file.ReadAt(block, int64(e.offset)); err != nil {
		return checkedArchive{}, err
	}
	for _, b := range block[e.size-e.padding:] {
		if b != 0 {
			return checkedArchive{}, fmt.Errorf("archive %s: its padding is not zero", e.id)
		}
	}
	metadata, messages, err := parseArchive(block[:e.size-e.padding])
	if err != nil {
		return checkedArchive{}, fmt.Errorf("archive %s: %w", e.id, err)
	}
	if metadata.from != e.metadata.from || metadata.to != e.metadata.to {
		return checkedArchive{}, fmt.Errorf("archive %s: its metadata differs from its index entry", e.id)
	}
	for _, m := range messages {
		if m.timestamp < metadata.from || m.timestamp >= metadata.to {
			return checkedArchive{}, fmt.Errorf("archive %s: a message of %d is outside its range", e.id, m.timestamp)
		}
	}
	return checkedArchive{ID: e.id, From: e.metadata.from, To: e.metadata.to, Messages: len(messages), Padding: e.padding}, nil
}

// ---- seed ----

func seed(args []string) error {
	flags := flag.NewFlagSet("seed", flag.ExitOnError)
	keyHex := flags.String("key", "", "the community's private key, hex")
	dir := flags.String("dir", "", "where to write and seed the community folder")
	weeks := flags.Int("weeks", 3, "weeks of history")
	flags.Parse(args)
	key, err := crypto.HexToECDSA(strings.TrimPrefix(*keyHex, "0x"))
	if err != nil {
		return err
	}
	community := "0x" + hex.EncodeToString(crypto.CompressPubkey(&key.PublicKey))
	folder := filepath.Join(*dir, community)
	start := uint64(time.Now().Add(-time.Duration(*weeks+1) * 7 * 24 * time.Hour).Unix())
	messages, entries, err := writeFolder(folder, community, start, *weeks)
	if err != nil {
		return err
	}
	info := metainfo.Info{PieceLength: pieceLength}
	if err := info.BuildFromFilePath(folder); err != nil {
		return err
	}
	mi := metainfo.MetaInfo{CreatedBy: "statuspeer", CreationDate: time.Now().Unix()}
	if mi.InfoBytes, err = bencode.Marshal(info); err != nil {
		return err
	}
	client, err := statusGoClient(*dir)
	if err != nil {
		return err
	}
	defer client.Close()
	t, err := client.AddTorrent(&mi)
	if err != nil {
		return err
	}
	t.VerifyData()
	if err := waitFor(func() bool { return t.BytesMissing() == 0 }, time.Now().Add(60*time.Second)); err != nil {
		return errors.New("the folder did not verify as complete")
	}
	hash := mi.HashInfoBytes()
	magnet := mi.Magnet(&hash, &info)
	emit(map[string]any{"magnet": magnet.String(), "port": client.LocalPort(), "community": community, "messages": messages,
		"archives": len(entries), "paddings": paddings(entries)})
	io.Copy(io.Discard, os.Stdin) // seed until told to stop
	return nil
}

// ---- folder ----

// folderOnly writes a community folder as status-go lays it out, from a fixed start, and prints
// each archive's ID as go-ethereum's Keccak-256 of the entry as serialized here: the same input
// always gives the same folder and IDs.
func folderOnly(args []string) error {
	flags := flag.NewFlagSet("folder", flag.ExitOnError)
	community := flags.String("community", "", "community ID, 0x…")
	dir := flags.String("dir", "", "where to write the folder 0x<id>")
	start := flags.Uint64("start", 1577836800, "the first archive's start, unix seconds")
	weeks := flags.Int("weeks", 3, "weeks of history")
	flags.Parse(args)
	messages, entries, err := writeFolder(filepath.Join(*dir, *community), *community, *start, *weeks)
	if err != nil {
		return err
	}
	var archives []map[string]any
	for _, e := range entries {
		archives = append(archives, map[string]any{"id": e.id, "from": e.metadata.from, "to": e.metadata.to,
			"offset": e.offset, "size": e.size, "padding": e.padding})
	}
	emit(map[string]any{"messages": messages, "archives": archives})
	return nil
}

func paddings(entries []indexEntry) []uint64 {
	var p []uint64
	for _, e := range entries {
		p = append(p, e.padding)
	}
	return p
}

// writeFolder writes weeks of messages on the universal chat as status-go does: one archive per
// week, messages in no particular order, padded to the piece length with its quirk (an archive
// that is already an exact multiple of several pieces gets a whole extra piece of zeros).
func writeFolder(folder, community string, start uint64, weeks int) (int, []indexEntry, error) {
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return 0, nil, err
	}
	_, contentTopic, _ := universalChat(community)
	topicBytes, _ := hex.DecodeString(strings.TrimSuffix(strings.TrimPrefix(contentTopic, "/waku/1/0x"), "/rfc26"))
	random := rand.New(rand.NewSource(7))
	var data bytes.Buffer
	var entries []indexEntry
	total := 0
	for week := 0; week < weeks; week++ {
		from, to := start+uint64(week)*7*86400, start+uint64(week+1)*7*86400
		var messages []wakuMessage
		count := 40 + random.Intn(40)
		for i := 0; i < count; i++ {
			body := make([]byte, 200+random.Intn(3000))
			random.Read(body)
			hash := sha256.Sum256(append(body, byte(week), byte(i)))
			messages = append(messages, wakuMessage{timestamp: from + uint64(random.Int63n(int64(to-from))), topic: topicBytes,
				payload: body, hash: hash[:]})
		}
		if week == 1 {
			// An archive of exactly three pieces, to show status-go's extra piece of zeros.
			messages = exactPieces(messages[:1], from, to, topicBytes, 3)
		}
		metadata := archiveMetadata{from: from, to: to, topics: [][]byte{topicBytes}}
		archive := marshalArchive(metadata, messages)
		padding := uint64(pieceLength - len(archive)%pieceLength)
		if len(archive)%pieceLength == 0 {
			padding = 0
			if len(archive) > pieceLength {
				padding = pieceLength // status-go's quirk
			}
		}
		e := indexEntry{metadata: metadata, offset: uint64(data.Len()), size: uint64(len(archive)) + padding, padding: padding}
		e.raw = e.marshal()
		e.id = "0x" + hex.EncodeToString(crypto.Keccak256(e.raw))
		entries = append(entries, e)
		data.Write(archive)
		data.Write(make([]byte, padding))
		total += len(messages)
	}
	if err := os.WriteFile(filepath.Join(folder, "data"), data.Bytes(), 0o600); err != nil {
		return 0, nil, err
	}
	if err := os.WriteFile(filepath.Join(folder, "index"), marshalIndex(entries), 0o600); err != nil {
		return 0, nil, err
	}
	return total, entries, nil
}

// exactPieces grows a one-message archive until it serializes to exactly n pieces.
func exactPieces(messages []wakuMessage, from, to uint64, topic []byte, n int) []wakuMessage {
	metadata := archiveMetadata{from: from, to: to, topics: [][]byte{topic}}
	m := messages[0]
	for i := 0; i < 10; i++ {
		diff := n*pieceLength - len(marshalArchive(metadata, []wakuMessage{m}))
		if diff == 0 {
			break
		}
		resized := make([]byte, len(m.payload)+diff)
		copy(resized, m.payload)
		m.payload = resized
	}
	return []wakuMessage{m}
}
