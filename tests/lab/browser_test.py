#!/usr/bin/env python3
"""The lab in a real browser: headless Chromium loads the page, the test changes the batch size and
the device, and checks that the TTFT and ITL shown equal what `mlsysim solve ServingModel` prints
for the same inputs. Saves a screenshot (build/lab.png).

Usage: browser_test.py MLSYSIM_CLI SCREENSHOT.png
Exit 0 pass, 1 fail, 77 skipped (Chromium, chromedriver or selenium missing or unable to start;
the reason is printed) — never a pass without the browser."""
import os
import subprocess
import sys
import time

SKIP = 77
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-selenium lives with it
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and \
            os.path.exists(SYSTEM_PYTHON) and not os.environ.get("MLSYSIM_BROWSER_REEXEC"):
        os.environ["MLSYSIM_BROWSER_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
    skip(f"selenium is not importable ({e}); `make test` installs python3-selenium")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lab_server import Lab  # noqa: E402


def cli_serving(cli, **inputs):
    """The ttft and itl cells of `mlsysim solve ServingModel --set ...` (the table)."""
    args = [cli, "solve", "ServingModel"]
    for k, v in inputs.items():
        args += ["--set", f"{k}={v}"]
    out = subprocess.run(args, capture_output=True, text=True)
    cells = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] in ("ttft", "itl"):
            cells[parts[0]] = f"{parts[1]} {parts[2]}"
    if set(cells) != {"ttft", "itl"}:
        raise AssertionError(f"cannot read ttft/itl from {' '.join(args)}:\n{out.stdout}{out.stderr}")
    return cells


def main():
    cli, shot = sys.argv[1], sys.argv[2]
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            skip(f"{path} is missing; `make test` installs chromium and chromium-driver")
    lab = Lab(cli)
    driver = None
    try:
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-proxy-server", "--window-size=1440,1720", "--hide-scrollbars"):
            opts.add_argument(a)
        try:
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        except WebDriverException as e:
            skip(f"Chromium does not start here: {str(e).strip().splitlines()[0]}")
        driver.set_page_load_timeout(30)
        driver.get(lab.url)
        wait = WebDriverWait(driver, 15)
        updated = lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-updated")
        wait.until(lambda d: updated(d) is not None)

        # The defaults first: Llama3_8B on H100, batch 1.
        base = dict(model="Llama3_8B", hardware="H100", seq_len=2048, batch_size=1,
                    precision="fp16", efficiency=0.5)
        expect = cli_serving(cli, **base)
        text = lambda i: driver.find_element(By.ID, i).text
        wait.until(lambda d: text("ttft") == expect["ttft"])
        assert text("itl") == expect["itl"], (text("itl"), expect)

        # Change the batch size, then the device.
        before = updated(driver)
        box = driver.find_element(By.ID, "batch_size")
        box.clear()
        box.send_keys("8")
        wait.until(lambda d: updated(d) != before)
        Select(driver.find_element(By.ID, "hardware")).select_by_value("H200")
        want = dict(base, batch_size=8, hardware="H200")
        expect = cli_serving(cli, **want)
        try:
            wait.until(lambda d: text("ttft") == expect["ttft"] and text("itl") == expect["itl"])
        except TimeoutException:
            raise AssertionError(f"page shows ttft {text('ttft')!r}, itl {text('itl')!r}; "
                                 f"the CLI prints {expect}")
        command = text("command")
        for k, v in want.items():
            assert f"{k}={v}" in command, (k, v, command)
        ms = driver.find_element(By.TAG_NAME, "body").get_attribute("data-update-ms")
        roofline = driver.find_elements(By.CSS_SELECTOR, "#roofline svg")
        assert roofline, "no roofline picture"
        time.sleep(0.3)
        os.makedirs(os.path.dirname(os.path.abspath(shot)), exist_ok=True)
        driver.save_screenshot(shot)
        print(f"ok: ttft {expect['ttft']}, itl {expect['itl']} on H200 at batch 8, as the CLI "
              f"prints; last update {ms} ms in the browser; screenshot {shot}")
        return 0
    finally:
        if driver is not None:
            driver.quit()
        lab.stop()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"FAILED: {e}")
        sys.exit(1)
