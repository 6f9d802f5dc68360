"""Signed approvals with the real OpenSSH ssh-keygen and keys made in tmp_path: an approval
counts only when its signature verifies for the approver against the workspace's allowed_signers.
A forged, copied or missing signature voids it, and `status --json` says why."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cipbilingual import signing
from cipbilingual.models import approval_digest
from cipbilingual.store import load_article
from tests.cli.conftest import Run, sample_english
from tests.cli.test_publish_gate import catalog, forge_approval, snapshot

ENGLISH = sample_english()


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        pytest.fail("ssh-keygen is needed for these tests (run scripts/dev-setup)")
    return found


def make_key(folder: Path, name: str, passphrase: str = "") -> Path:
    key = folder / f"{name}_ed25519"
    subprocess.run(
        [ssh_keygen(), "-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", str(key)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return key


def public(key: Path) -> str:
    kind, blob, *_ = Path(f"{key}.pub").read_text(encoding="ascii").split()
    return f"{kind} {blob}"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "keys"
    folder.mkdir()
    return {name: make_key(folder, name) for name in ("wang", "zhao", "li", "mallory")}


@pytest.fixture
def signed(imported: str, workspace: Path, keys: dict[str, Path], run: Run) -> str:
    """The workspace with signing on; wang and zhao are editors with keys in allowed_signers."""
    toml = workspace / "cipbilingual.toml"
    text = toml.read_text(encoding="utf-8").replace('sign = "none"', 'sign = "ssh"')
    toml.write_text(text.replace('li = "translator"', 'li = "translator"\nzhao = "editor"'))
    (workspace / "allowed_signers").write_text(
        "# editors' keys\n"
        f"wang {public(keys['wang'])}\n"
        f'zhao namespaces="cipbilingual-approval" {public(keys["zhao"])} zhao@cip\n',
        encoding="utf-8",
    )
    for sid in ("p1.s1", "p1.s2", "p1.s3"):
        assert run("--user", "li", "translate", imported, sid, ENGLISH[sid]).code == 0
    return imported


def sign_as(monkeypatch: pytest.MonkeyPatch, key: Path) -> None:
    monkeypatch.setenv(signing.SIGNING_KEY_ENV, str(key))


def test_a_signed_approval_counts_and_verifies_with_ssh_keygen(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_as(monkeypatch, keys["wang"])
    result = run("--user", "wang", "approve", signed, "p1.s1", "p1.s2")
    assert result.code == 0, result.err
    sign_as(monkeypatch, keys["zhao"])
    assert run("--user", "zhao", "approve", signed, "p1.s3").code == 0
    status = run("status", signed, "--json").json()
    assert status["states"]["approved"] == 3 and status["approvals_void"] == []  # type: ignore[index]
    # The record is a real SSH signature: ssh-keygen itself verifies it, outside cipbilingual.
    article = load_article(catalog(workspace, signed))
    seg = article.segment("p1.s1")
    assert seg.approval is not None and seg.approval.signature
    sig = workspace / "p1.s1.sig"
    sig.write_text(signing.armored(seg.approval.signature), encoding="ascii")
    allowed = str(workspace / "allowed_signers")
    verify = ["-Y", "verify", "-f", allowed, "-I", "wang", "-n", "cipbilingual-approval"]
    done = subprocess.run(
        [ssh_keygen(), *verify, "-s", str(sig)],
        input=signing.approval_message(signed, seg, seg.approval),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b'Good "cipbilingual-approval" signature for wang' in done.stdout + done.stderr
    # Good checks are remembered in the person's own cache folder, not in the workspace.
    from cipbilingual.paths import user_cache_dir

    remembered = (user_cache_dir() / "verified-approvals").read_text().split()
    assert remembered and all(len(line) == 64 for line in remembered)
    assert not list(workspace.rglob("verified-approvals"))


def test_forged_and_copied_signatures_void_the_approval(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_as(monkeypatch, keys["wang"])
    assert run("--user", "wang", "approve", signed, "p1.s1").code == 0
    po = catalog(workspace, signed)
    wang_signature = load_article(po).segment("p1.s1").approval.signature  # type: ignore[union-attr]
    # 1. The forger: a hand-written approval, digest recomputed, no signature.
    forge_approval(po, "p1.s2", "wang")
    # 2. wang's real signature copied onto another segment.
    forge_approval(po, "p1.s3", "wang")
    text = po.read_text(encoding="utf-8")
    head, sep, tail = text.partition('msgctxt "p1.s3"')
    cut = head.rfind("\n\n") + 2
    entry = head[cut:].replace("# approved:", f"# signature: {wang_signature}\n# approved:", 1)
    po.write_text(head[:cut] + entry + sep + tail, encoding="utf-8")
    status = run("status", signed, "--json").json()
    assert isinstance(status, dict)
    assert status["states"]["approved"] == 1
    reasons = {v["segment"]: v["reason"] for v in status["approvals_void"]}
    assert reasons["p1.s2"] == "it is not signed"
    assert reasons["p1.s3"].startswith("the signature does not verify for wang")
    before = snapshot(workspace)
    refused = run("export", signed, "--format", "md", "-o", "out.md")
    assert refused.code == 1 and "not publishable" in refused.err
    assert snapshot(workspace) == before
    assert (
        run("export", signed, "--format", "json", "--allow-partial").json()[  # type: ignore[index]
            "paragraphs"
        ]
        == []
    )


def test_a_translator_signing_with_their_own_key_as_an_editor_is_void(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path]
) -> None:
    po = catalog(workspace, signed)
    article = load_article(po)
    seg = article.segment("p1.s2")
    from dataclasses import replace

    from cipbilingual.models import Approval, State
    from cipbilingual.store import save_article

    claim = Approval(
        "wang", "2026-11-25T10:00:00Z", approval_digest(seg.id, seg.source, seg.target)
    )
    [line] = signing.sign_messages([signing.approval_message(signed, seg, claim)], keys["li"])
    seg.state, seg.approval = State.APPROVED, replace(claim, signature=line)
    save_article(article, po)
    status = run("status", signed, "--json").json()
    assert status["states"]["approved"] == 0  # type: ignore[index]
    [void] = status["approvals_void"]  # type: ignore[index]
    assert void["segment"] == "p1.s2" and "does not verify for wang" in void["reason"]


def test_a_key_not_in_allowed_signers_cannot_approve(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_as(monkeypatch, keys["mallory"])
    before = snapshot(workspace)
    result = run("--user", "wang", "approve", signed, "p1.s1")
    assert result.code == 2
    assert "does not sign for wang" in result.err and result.err.count("\n") == 1
    assert snapshot(workspace) == before


def test_a_key_with_a_passphrase_and_no_agent_fails_cleanly(
    signed: str, run: Run, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = make_key(tmp_path, "locked", passphrase="secret words")
    allowed = workspace / "allowed_signers"
    allowed.write_text(f"wang {public(locked)}\n", encoding="utf-8")
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    sign_as(monkeypatch, locked)
    before = snapshot(workspace)
    result = run("--user", "wang", "approve", signed, "p1.s1")
    assert result.code == 2
    assert "ssh-keygen could not sign" in result.err and "ssh-agent" in result.err
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("wang\n", "allowed_signers:1: not 'PRINCIPALS [OPTIONS] KEYTYPE KEY'"),
        ("# only a comment\n", "no signer is listed"),
        ("wang ssh-ed25519 not*base64\n", "allowed_signers:1: the ssh-ed25519 key is not base64"),
        ("wang ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB\n", "is not a ssh-ed25519 key"),
        ('wang namespaces="x ssh-ed25519 AAAA\n', "allowed_signers:1: unbalanced quotes"),
        ("wang ssh-ed448 AAAA\n", "unknown key type 'ssh-ed448'"),
    ],
)
def test_an_allowed_signers_that_does_not_parse_is_bad_input(
    signed: str,
    run: Run,
    workspace: Path,
    keys: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    message: str,
) -> None:
    sign_as(monkeypatch, keys["wang"])
    assert run("--user", "wang", "approve", signed, "p1.s1").code == 0
    (workspace / "allowed_signers").write_text(content, encoding="utf-8")
    before = snapshot(workspace)
    for args in (
        ("status", signed),
        ("export", signed, "--format", "json", "--allow-partial", "-o", "out.json"),
        ("--user", "wang", "approve", signed, "p1.s2"),
        ("--user", "li", "translate", signed, "p1.s2", "Changed."),
    ):
        result = run(*args)
        assert result.code == 2, (args, result.err)
        assert message in result.err, result.err
        assert result.err.count("\n") == 1, result.err
    assert snapshot(workspace) == before  # no approval was dropped by a save


def test_a_missing_allowed_signers_is_bad_input(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_as(monkeypatch, keys["wang"])
    (workspace / "allowed_signers").unlink()
    result = run("--user", "wang", "approve", signed, "p1.s1")
    assert result.code == 2 and "allowed_signers: no such file" in result.err


def test_signed_and_published(
    signed: str, run: Run, workspace: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    sign_as(monkeypatch, keys["wang"])
    for sid, text in ENGLISH.items():
        run("--user", "li", "translate", signed, sid, text)
    assert run("--user", "wang", "approve", signed, "--all-translated").code == 0
    result = run("export", signed, "--format", "md", "--publish", "-o", "a.md")
    assert result.code == 0, result.err
    record = json.loads((workspace / "articles" / signed / "published.json").read_text())
    assert all(s["signature"] for s in record["publications"][0]["segments"])
