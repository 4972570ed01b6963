package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pickle technique of ../shared/research/scanners.md §2, and variations, built opcode by
 * opcode with harmless marker payloads, each caught by the expected rule at the expected severity.
 */
class PickleTechniquesTest {
  private static final String MARKER = PickleBuilder.MARKER;

  /** One technique: a fixture and the finding that must catch it. */
  static final class Technique {
    private final String name;
    private final byte[] pickle;
    private final String rule;
    private final Severity severity;
    private final String subject;

    Technique(String name, byte[] pickle, String rule, Severity severity, String subject) {
      this.name = name;
      this.pickle = pickle.clone();
      this.rule = rule;
      this.severity = severity;
      this.subject = subject;
    }

    String name() {
      return name;
    }

    byte[] pickle() {
      return pickle.clone();
    }

    String rule() {
      return rule;
    }

    Severity severity() {
      return severity;
    }

    String subject() {
      return subject;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("techniques")
  void isCaught(Technique t) {
    ScanResult result = PickleScanner.standard().scan(t.pickle());
    assertThat(result.findings())
        .as("findings for %s", t.name())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(t.rule());
          assertThat(f.severity()).isEqualTo(t.severity());
          assertThat(f.subject()).contains(t.subject());
        });
    assertThat(result.hasFindingAtLeast(Severity.HIGH)).isTrue();
  }

  static Stream<Technique> techniques() {
    return Stream.of(
        // --- scanners.md §2 ------------------------------------------------------------------
        t(
            "CVE-2025-1716 pip.main via GLOBAL",
            p(2).global("pip", "main")
                .mark()
                .shortBinUnicode("install")
                .shortBinUnicode("custody-test-marker")
                .list()
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "pip.main"),
        t(
            "CVE-2025-1716 pip.main via STACK_GLOBAL",
            p(4).call4("pip", "main", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "pip.main"),
        t(
            "CVE-2025-10157 submodule of a denied package",
            p(2).global("asyncio.unix_events", "_UnixSelectorEventLoop").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "asyncio.unix_events"),
        t(
            "CVE-2025-10157 asyncio.subprocess",
            p(2).call0("asyncio.subprocess", "create_subprocess_shell", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "asyncio.subprocess"),
        t(
            "GHSA-9gvj STACK_GLOBAL operands are the first opcodes, no PROTO",
            PickleBuilder.create()
                .stackGlobal("os", "system")
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "GHSA-9gvj STACK_GLOBAL operands as STRING",
            PickleBuilder.create()
                .string("'os'")
                .string("'system'")
                .stackGlobal()
                .string("'" + MARKER + "'")
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "GHSA-9gvj STACK_GLOBAL operands as BINSTRING",
            PickleBuilder.create()
                .binString("posix")
                .shortBinString("system")
                .stackGlobal()
                .binString(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "posix.system"),
        t(
            "GHSA-97f8 legacy torch magic computed with eval",
            p(2).call0("__builtin__", "eval", "0x1950a86a20f9469cfc6c").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.eval"),
        t(
            "GHSA-g38g uuid._get_command_stdout",
            p(2).call0("uuid", "_get_command_stdout", "sh").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "uuid._get_command_stdout"),
        t(
            "gadget imaplib.IMAP4_stream",
            p(2).call0("imaplib", "IMAP4_stream", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "imaplib.IMAP4_stream"),
        t(
            "gadget _osx_support._read_output",
            p(2).call0("_osx_support", "_read_output", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "_osx_support._read_output"),
        t(
            "gadget _aix_support._read_cmd_output",
            p(2).call0("_aix_support", "_read_cmd_output", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "_aix_support._read_cmd_output"),
        t(
            "gadget _pyrepl.pager.pipe_pager",
            p(4).call4("_pyrepl.pager", "pipe_pager", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "_pyrepl.pager.pipe_pager"),
        t(
            "gadget test.support.script_helper",
            p(4).call4("test.support.script_helper", "assert_python_ok", "-c").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "test.support.script_helper"),
        t(
            "gadget pkgutil.resolve_name('os:system')",
            p(4).call4("pkgutil", "resolve_name", "os:system")
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "pkgutil.resolve_name"),
        t(
            "gadget pkgutil.resolve_name result called",
            p(4).call4("pkgutil", "resolve_name", "os:system")
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-005",
            Severity.CRITICAL,
            "pkgutil.resolve_name"),
        t(
            "gadget cProfile.run",
            p(2).call0("cProfile", "run", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "cProfile.run"),
        t(
            "gadget profile.run",
            p(2).call0("profile", "run", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "profile.run"),
        t(
            "gadget logging.FileHandler",
            p(2).call0("logging", "FileHandler", "/tmp/x").stop(),
            "PICKLE-001",
            Severity.HIGH,
            "logging.FileHandler"),
        t(
            "gadget _io.FileIO",
            p(2).call0("_io", "FileIO", "/etc/passwd").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "_io.FileIO"),
        t(
            "gadget urllib.request.urlopen",
            p(2).call0("urllib.request", "urlopen", "http://127.0.0.1/").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "urllib.request.urlopen"),
        t(
            "gadget urllib.urlretrieve renamed below protocol 3",
            PickleBuilder.create().call0("urllib", "urlretrieve", "http://127.0.0.1/").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "urllib.request.urlretrieve"),
        t(
            "gadget ctypes.CDLL",
            p(2).call0("ctypes", "CDLL", "libc.so.6").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "ctypes.CDLL"),
        t(
            "gadget numpy.f2py",
            p(2).call0("numpy.f2py", "compile", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "numpy.f2py.compile"),
        t(
            "gadget numpy.testing runstring",
            p(4).call4("numpy.testing._private.utils", "runstring", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "numpy.testing"),
        t(
            "gadget distutils.file_util.write_file",
            p(2).call0("distutils.file_util", "write_file", "/tmp/x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "distutils.file_util.write_file"),
        t(
            "gadget operator.methodcaller",
            p(2).call0("operator", "methodcaller", "system").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "operator.methodcaller"),
        t(
            "gadget _operator.attrgetter",
            p(2).call0("_operator", "attrgetter", "system").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "_operator.attrgetter"),
        t(
            "gadget cloudpickle + types.CodeType",
            p(2).global("types", "CodeType")
                .mark()
                .binInt1(0)
                .tuple()
                .reduce()
                .pop()
                .call0("cloudpickle", "loads", "x")
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "types.CodeType"),
        t(
            "GHSA-5j3x STACK_GLOBAL('pathlib', 'os.system')",
            p(4).call4("pathlib", "os.system", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "pathlib.os.system"),
        t(
            "GHSA-5j3x allowed root STACK_GLOBAL('torch', 'os.system')",
            p(4).call4("torch", "os.system", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "torch.os.system"),
        t(
            "GHSA-5j3x GLOBAL with a dotted name after PROTO 4",
            p(4).call0("torch._utils", "pickle.loads", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "torch._utils.pickle.loads"),
        t(
            "GHSA-mxhj MARK GLOBAL smtplib.SMTP args OBJ POP",
            p(1).mark()
                .global("smtplib", "SMTP")
                .shortBinUnicode("127.0.0.1")
                .obj()
                .pop()
                .none()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "smtplib.SMTP"),
        t(
            "FRAME straddle hides os.system from linear readers",
            frameStraddle(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "FRAME straddle is itself reported",
            frameStraddle(),
            "PICKLE-008",
            Severity.HIGH,
            "frame_divergence"),
        t(
            "nullifAI: payload then an invalid opcode",
            PickleBuilder.create().call0("os", "system", MARKER).op(0xff).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "dynamic strings: rot13 module name, memoised, STACK_GLOBAL",
            dynamicStrings(),
            "PICKLE-002",
            Severity.CRITICAL,
            "_codecs.encode"),
        t(
            "legacy torch: payload in the 4th stacked pickle",
            stacked(4),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "CVE-2026-24747 SETITEM on a rebuilt tensor",
            setItemOnTensor(),
            "PICKLE-007",
            Severity.CRITICAL,
            "torch._utils._rebuild_tensor_v2"),
        // --- variations ----------------------------------------------------------------------
        t(
            "memo indirection: GLOBAL memoised, popped, fetched later",
            p(2).global("os", "system")
                .binPut(0)
                .pop()
                .emptyDict()
                .pop()
                .binGet(0)
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "STACK_GLOBAL with memoized strings",
            p(4).shortBinUnicode("subprocess")
                .memoize()
                .shortBinUnicode("getoutput")
                .memoize()
                .pop()
                .pop()
                .binGet(0)
                .binGet(1)
                .stackGlobal()
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "subprocess.getoutput"),
        t(
            "MEMOIZE overwrites a slot that BINPUT chose",
            memoizeOverwrite(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "LONG_BINPUT/LONG_BINGET at a huge index",
            p(4).stackGlobal("os", "system")
                .longBinPut(0x7fffffffL)
                .pop()
                .longBinGet(0x7fffffffL)
                .shortBinUnicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "protocol 0 PUT/GET",
            PickleBuilder.create()
                .global("os", "system")
                .put(7)
                .pop()
                .get(7)
                .mark()
                .string("'" + MARKER + "'")
                .tuple()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "INST",
            PickleBuilder.create().mark().string("'" + MARKER + "'").inst("os", "system").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "INST of an unknown class is an unknown call",
            PickleBuilder.create().mark().inst("mylib.evil", "Thing").stop(),
            "PICKLE-003",
            Severity.HIGH,
            "mylib.evil.Thing"),
        t(
            "OBJ",
            p(1).mark().global("os", "system").string("'" + MARKER + "'").obj().stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "NEWOBJ_EX subprocess.Popen with keyword arguments",
            p(4).stackGlobal("subprocess", "Popen")
                .emptyTuple()
                .emptyDict()
                .shortBinUnicode("args")
                .shortBinUnicode(MARKER)
                .setItem()
                .newObjEx()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "subprocess.Popen"),
        t(
            "EXT1",
            p(2).ext1(1).shortBinUnicode(MARKER).tuple1().reduce().stop(),
            "PICKLE-006",
            Severity.CRITICAL,
            "extension code 1"),
        t(
            "EXT2",
            p(2).ext2(0x1234).emptyTuple().reduce().stop(),
            "PICKLE-006",
            Severity.CRITICAL,
            "extension code 4660"),
        t(
            "EXT4",
            p(2).ext4(0x7fffffff).emptyTuple().reduce().stop(),
            "PICKLE-006",
            Severity.CRITICAL,
            "extension code 2147483647"),
        t(
            "BUILD injects __setstate__, a second BUILD calls it",
            setstateInjection(),
            "PICKLE-007",
            Severity.CRITICAL,
            "__setstate__"),
        t(
            "BUILD slot state onto an imported global (monkey patch)",
            p(2).global("collections", "OrderedDict")
                .none()
                .emptyDict()
                .shortBinUnicode("__reduce__")
                .global("os", "system")
                .setItem()
                .tuple2()
                .build()
                .stop(),
            "PICKLE-007",
            Severity.CRITICAL,
            "collections.OrderedDict"),
        t(
            "SETITEM into an imported global",
            p(2).global("copyreg", "dispatch_table")
                .global("builtins", "int")
                .global("os", "system")
                .setItem()
                .stop(),
            "PICKLE-007",
            Severity.CRITICAL,
            "copyreg.dispatch_table"),
        t(
            "stacked pickles, the second is malicious",
            stacked(2),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "stacked pickles are reported",
            stacked(2),
            "PICKLE-015",
            Severity.INFO,
            "stacked_pickle"),
        t(
            "nested pickle.loads payload",
            nested("pickle", "loads", false),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "nested torch.load(io.BytesIO(payload))",
            nested("torch", "load", true),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "nested torch.storage._load_from_bytes",
            nested("torch.storage", "_load_from_bytes", false),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "nested payload written as protocol 2 _codecs.encode",
            nestedProtocol2(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "nested payload computed at load time",
            p(2).global("pickle", "loads")
                .global("base64", "b64decode")
                .shortBinUnicode("Y29z")
                .tuple1()
                .reduce()
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-009",
            Severity.HIGH,
            "pickle.loads"),
        t("nested five deep", deeplyNested(6), "PICKLE-009", Severity.HIGH, "pickle.loads"),
        t(
            "protocol 0 text GLOBAL",
            PickleBuilder.create().call0("os", "system", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "protocol 0 commands.getoutput renamed to subprocess",
            PickleBuilder.create().call0("commands", "getoutput", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "subprocess.getoutput"),
        t(
            "protocol 0 __builtin__.getattr",
            PickleBuilder.create().call0("__builtin__", "getattr", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.getattr"),
        t(
            "UNICODE raw-unicode-escape names",
            PickleBuilder.create()
                .unicode("\\u006fs")
                .unicode("system")
                .stackGlobal()
                .unicode(MARKER)
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "STRING escapes in names",
            PickleBuilder.create()
                .string("'p\\x6fsix'")
                .string("'sys\\164em'")
                .stackGlobal()
                .string("'x'")
                .tuple1()
                .reduce()
                .stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "posix.system"),
        t(
            "dotted name walks through __globals__",
            p(4).stackGlobal("collections", "OrderedDict.__init__.__globals__").stop(),
            "PICKLE-012",
            Severity.CRITICAL,
            "__globals__"),
        t(
            "builtins.getattr fetches os.system, the result is called",
            getattrChain(),
            "PICKLE-005",
            Severity.CRITICAL,
            "builtins.getattr"),
        t(
            "getattr chain: getattr itself",
            getattrChain(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.getattr"),
        t(
            "call of a persistent object",
            p(2).shortBinUnicode("x").binPersId().emptyTuple().reduce().stop(),
            "PICKLE-005",
            Severity.CRITICAL,
            "persistent_load"),
        t(
            "non-literal module name from a REDUCE",
            p(4).global("builtins", "str")
                .shortBinUnicode("os")
                .tuple1()
                .reduce()
                .shortBinUnicode("system")
                .stackGlobal()
                .stop(),
            "PICKLE-002",
            Severity.CRITICAL,
            "builtins.str"),
        t(
            "truncated stream after a dangerous REDUCE",
            truncatedAfterReduce(),
            "PICKLE-001",
            Severity.CRITICAL,
            "os.system"),
        t(
            "copyreg._reconstructor runs base.__init__ of an unknown class",
            p(2).global("copy_reg", "_reconstructor")
                .global("mylib.evil", "Thing")
                .global("mylib.evil", "Base")
                .none()
                .tuple3()
                .reduce()
                .stop(),
            "PICKLE-003",
            Severity.HIGH,
            "mylib.evil.Base"),
        t(
            "torch _rebuild_from_type_v2 calls its first argument",
            p(2).global("torch._tensor", "_rebuild_from_type_v2")
                .mark()
                .global("mylib.evil", "run")
                .global("torch", "Tensor")
                .emptyTuple()
                .emptyDict()
                .tuple()
                .reduce()
                .stop(),
            "PICKLE-003",
            Severity.HIGH,
            "mylib.evil.run"),
        t(
            "unknown callable is high",
            p(4).call4("mylib.tools", "run", "x").stop(),
            "PICKLE-003",
            Severity.HIGH,
            "mylib.tools.run"),
        t(
            "webbrowser.open",
            p(2).call0("webbrowser", "open", "http://127.0.0.1/").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "webbrowser.open"),
        t(
            "functools.partial",
            p(2).call0("functools", "partial", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "functools.partial"),
        t(
            "runpy._run_code",
            p(2).call0("runpy", "_run_code", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "runpy._run_code"),
        t(
            "builtins.__import__",
            p(3).call4("builtins", "__import__", "os").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.__import__"),
        t(
            "nt.system",
            p(2).call0("nt", "system", MARKER).stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "nt.system"),
        t(
            "pty.spawn",
            p(2).call0("pty", "spawn", "/bin/sh").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "pty.spawn"),
        t(
            "socket.create_connection",
            p(2).call0("socket", "create_connection", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "socket.create_connection"),
        t(
            "shutil.rmtree",
            p(2).call0("shutil", "rmtree", "/tmp/x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "shutil.rmtree"),
        t(
            "importlib.import_module",
            p(2).call0("importlib", "import_module", "os").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "importlib.import_module"),
        t(
            "code.InteractiveInterpreter",
            p(2).call0("code", "InteractiveInterpreter", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "code.InteractiveInterpreter"),
        t(
            "builtins.exec",
            p(2).call0("builtins", "exec", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.exec"),
        t(
            "builtins.compile",
            p(2).call0("builtins", "compile", "print(1)").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.compile"),
        t(
            "builtins.open",
            p(2).call0("builtins", "open", "/etc/passwd").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "builtins.open"),
        t(
            "torch.jit.load",
            p(2).call0("torch.jit", "load", "x").stop(),
            "PICKLE-001",
            Severity.CRITICAL,
            "torch.jit.load"));
  }

  // --- fixtures that need more than one line ----------------------------------------------

  /**
   * PROTO 5, FRAME(2) holding {@code B} and one length byte, then {@code 00 00 00 00} and a hidden
   * {@code os.system} call: a linear reader sees one BINBYTES swallowing the call; CPython reading
   * an unbuffered file drops the frame's tail, reads length 0, and runs the call.
   */
  static byte[] frameStraddle() {
    byte[] hidden =
        PickleBuilder.create()
            .global("os", "system")
            .mark()
            .string("'" + MARKER + "'")
            .tuple()
            .reduce()
            .pop()
            .bytes();
    return p(5).frame(2)
        .op('B')
        .op(1 + hidden.length)
        .raw(new byte[4])
        .raw(hidden)
        .none()
        .stop()
        .bytes();
  }

  /** {@code _codecs.encode('cbfvk', 'rot13')} builds "posix" at load time (picklescan 1.0.5). */
  static byte[] dynamicStrings() {
    return p(4).stackGlobal("_codecs", "encode")
        .shortBinUnicode("cbfvk")
        .shortBinUnicode("rot13")
        .tuple2()
        .reduce()
        .binPut(3)
        .pop()
        .binGet(3)
        .shortBinUnicode("system")
        .stackGlobal()
        .shortBinUnicode(MARKER)
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  /** A benign first pickle, then copies, with os.system in pickle number {@code n}. */
  static byte[] stacked(int n) {
    PickleBuilder out = PickleBuilder.create();
    for (int i = 1; i < n; i++) {
      out.proto(2).binInt(0x1950a86a).stop();
    }
    return out.then(p(2).call0("os", "system", MARKER).stop()).bytes();
  }

  static byte[] setItemOnTensor() {
    return p(2).global("torch._utils", "_rebuild_tensor_v2")
        .mark()
        .shortBinUnicode("s")
        .binInt1(0)
        .tuple()
        .reduce()
        .binInt1(100)
        .binInt1(0)
        .setItem()
        .stop()
        .bytes();
  }

  /** BINPUT 1 stores 'collections'; MEMOIZE (memo has one slot) overwrites slot 1 with 'os'. */
  static byte[] memoizeOverwrite() {
    return p(4).shortBinUnicode("collections")
        .binPut(1)
        .pop()
        .shortBinUnicode("os")
        .memoize()
        .pop()
        .binGet(1)
        .shortBinUnicode("system")
        .stackGlobal()
        .shortBinUnicode(MARKER)
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  static byte[] setstateInjection() {
    return p(4).stackGlobal("argparse", "Namespace")
        .emptyTuple()
        .newObj()
        .emptyDict()
        .shortBinUnicode("__setstate__")
        .stackGlobal("os", "system")
        .setItem()
        .build()
        .shortBinUnicode(MARKER)
        .build()
        .stop()
        .bytes();
  }

  static byte[] payload() {
    return p(2).call0("os", "system", MARKER).stop().bytes();
  }

  static byte[] nested(String module, String name, boolean inBytesIo) {
    PickleBuilder out = p(4).stackGlobal(module, name);
    if (inBytesIo) {
      out.stackGlobal("io", "BytesIO").binBytes(payload()).tuple1().reduce();
    } else {
      out.binBytes(payload());
    }
    return out.tuple1().reduce().stop().bytes();
  }

  static byte[] nestedProtocol2() {
    String latin1 = new String(payload(), StandardCharsets.ISO_8859_1);
    return p(2).global("pickle", "loads")
        .global("_codecs", "encode")
        .binUnicode(latin1)
        .shortBinUnicode("latin1")
        .tuple2()
        .reduce()
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  static byte[] deeplyNested(int levels) {
    byte[] inner = payload();
    for (int i = 0; i < levels; i++) {
      inner = p(4).stackGlobal("pickle", "loads").binBytes(inner).tuple1().reduce().stop().bytes();
    }
    return inner;
  }

  /** {@code getattr(importlib.import_module('os'), 'system')(MARKER)}. */
  static byte[] getattrChain() {
    return p(2).global("builtins", "getattr")
        .global("importlib", "import_module")
        .shortBinUnicode("os")
        .tuple1()
        .reduce()
        .shortBinUnicode("system")
        .tuple2()
        .reduce()
        .shortBinUnicode(MARKER)
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  static byte[] truncatedAfterReduce() {
    byte[] whole = p(2).call0("os", "system", MARKER).binUnicode("tail").stop().bytes();
    return java.util.Arrays.copyOf(whole, whole.length - 4);
  }

  private static PickleBuilder p(int protocol) {
    return PickleBuilder.create().proto(protocol);
  }

  private static Technique t(
      String name, PickleBuilder pickle, String rule, Severity severity, String subject) {
    return new Technique(name, pickle.bytes(), rule, severity, subject);
  }

  private static Technique t(
      String name, byte[] pickle, String rule, Severity severity, String subject) {
    return new Technique(name, pickle, rule, severity, subject);
  }
}
