"""The drafting page in headless Chromium, driven by Selenium: edit the R&D cap, wait for the
update, read the province's 2027 change; a bad value's message beside its field; no request
leaving the server's origin.

Usage: serve_page.py URL VALUE EXPECTED — EXPECTED is `cofund compare --set parameters.rd_cap=VALUE`'s
province 2027 delta_mean on the same seed and paths. Exits 0 when every check holds, 1 with the
failed check on stderr, 2 when Chromium or its driver cannot start.
"""

import json
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def fail(message, code=1):
    print(f"serve_page.py: {message}", file=sys.stderr)
    sys.exit(code)


def check(condition, message):
    if not condition:
        fail(message)


def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        fail("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver, as scripts/setup.sh does)", 2)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    try:
        return webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as error:  # noqa: BLE001 - any failure to start is reported the same way
        fail(f"chromium could not start: {error}", 2)


def state(driver, wanted):
    WebDriverWait(driver, 1800).until(lambda d: d.execute_script("return document.body.dataset.state") == wanted)


def main():
    url, value, expected = sys.argv[1], sys.argv[2], float(sys.argv[3])
    origin = url.rstrip("/")
    driver = browser()
    try:
        driver.get(url)
        state(driver, "ready")
        check(driver.find_element(By.ID, "update").text == "更新", "the page's labels are Chinese by default")
        dated = driver.find_element(By.ID, "periods-rd_cap").text
        check("250" in dated and "2023-01-01" in dated, f"a parameter shows its dated value and the period it applies to: {dated!r}")
        field = driver.find_element(By.ID, "in-rd_cap")
        check(field.get_attribute("value") == "250", "the R&D cap's input starts at the text's value")
        field.clear()
        field.send_keys(value)
        driver.find_element(By.ID, "update").click()
        check(driver.find_element(By.ID, "progress").is_displayed(), "the progress indicator shows while the comparison runs")
        state(driver, "done")
        cell = driver.find_element(By.ID, "d-province-2027")
        shown = float(cell.get_attribute("data-delta"))
        check(shown == expected, f"the province's 2027 change on the page is {shown}, cofund compare gives {expected}")
        check(f"parameters.rd_cap: {value}" in driver.find_element(By.ID, "yaml").text, "the reform is shown as YAML")
        check(f"set=parameters.rd_cap%3D{value}" in driver.current_url, f"the URL encodes the reform: {driver.current_url}")
        check(driver.find_elements(By.CSS_SELECTOR, "#chart svg rect"), "the chart draws a bar per funder")

        field.clear()
        field.send_keys("abc")
        driver.find_element(By.ID, "update").click()
        state(driver, "error")
        message = driver.find_element(By.ID, "msg-rd_cap").text
        check("parameters.rd_cap" in message and "abc" in message, f"the bad value's message is beside its field: {message!r}")
        check(field.get_attribute("value") == "abc", "the drafter's edit is kept")

        driver.find_element(By.ID, "lang").click()
        check(driver.find_element(By.ID, "update").text == "Update", "the English toggle relabels the page")

        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        requested = list(resources)
        for entry in driver.get_log("performance"):
            if '"Network.requestWillBeSent"' in entry["message"]:
                requested.append(json.loads(entry["message"])["message"]["params"]["request"]["url"])
        check(len(requested) >= 3, f"the browser's log lists the page's requests: {requested}")
        outside = [r for r in requested if not (r.startswith(origin + "/") or r == origin or r.startswith("data:"))]
        check(not outside, f"requests left {origin}: {outside}")
    finally:
        driver.quit()
    print("ok")


if __name__ == "__main__":
    main()
