"""Component ids, in one place: two equal ids would silently break callbacks."""

URL = "url"
LAST_SEARCH = "last-search"  # the query last written into the address (or the one the page was served with)
SERVER_TABS = "server-tabs"  # the tabs whose chart the server draws on request, in their outputs' order
ADDRESS = "address"  # the query to write into the address, and whether it is a new history entry
PAGE_MAIN = "page-main"
PAGE_ABOUT = "page-about"
YEAR = "year-slider"
YEAR_SETTLED = "year-settled"  # the slider's step once the hand rests: what the lists below the chart follow
RANGE_ON = "range-switch"
RANGE = "range-slider"
RANGE_BOX = "range-box"
PLAY = "play-button"
STEP_BACK = "step-back"
STEP_FORWARD = "step-forward"
TIMER = "play-timer"
VIEW = "view-radio"
FACTIONS = "factions-checklist"
FACTIONS_ALL = "factions-all"
FACTIONS_NONE = "factions-none"
SEARCH = "search-input"
SEARCH_RESULTS = "search-results"
SEARCH_STATUS = "search-status"
SEARCH_SUBMITTED = "search-submitted"  # the box's text when Enter was pressed
HIGHLIGHT = "highlight-store"
SELECTED = "selected-store"
TABS = "chart-tabs"
NOTICE = "state-notice"
THIS_YEAR = "this-year"
PANEL = "detail-panel"
PANEL_BODY = "detail-panel-body"
YEAR_LABEL = "year-label"


def graph(tab: str) -> str:
    """The id of a chart's graph."""
    return f"graph-{tab}"


def search_result(person_id: str) -> dict:
    """Pattern-matching id of one search result button."""
    return {"type": "search-result", "person": person_id}


DOWNLOAD = "download"
DOWNLOAD_STATUS = "download-status"  # "Preparing the file…" while a download is made
DOWNLOAD_ERROR = "download-error"  # what went wrong when a picture could not be drawn


def download(kind: str) -> str:
    """The id of a download menu item (``download-png``...)."""
    return f"download-{kind}"

FRAMES_PLAN = "frames-plan"
NETWORK_WANTED = "network-wanted"
REGION = "network-region"
YEARS = "year-steps"
CHANGES_CSV = "changes-csv-button"
VIDEO_DOWNLOAD = "video-download"
VIDEO_PROGRESS = "video-progress"
VIDEO_BOX = "video-progress-box"
CHANGES_DOWNLOAD = "changes-download"
NETWORK_END = "network-end-step"  # the slider step of the network's last year: Play stops there


def chart_request(tab: str) -> str:
    """The id of the store that asks the server for a chart (set only while its tab is shown)."""
    return f"request-{tab}"
UNDISPUTED = "undisputed-switch"
CITE = "cite-button"
CITE_BOX = "cite-box"
SHARE = "share-button"
SHARE_BOX = "share-box"
SHARE_LINK = "share-link"
SHARE_EMBED = "share-embed"


def cite_text(style: str) -> str:
    """The id of the citation in one style (``cite-text-apa``)."""
    return "cite-text-" + style.lower()


STORY_PREV = "story-prev"
STORY_NEXT = "story-next"
STORY_STEP = "story-step"
STORY_CARD = "story-card"
STORY_OPEN = "story-open"
STORY_CLOSE = "story-close"
STORY_MORE = "story-more"
CHANGES = "this-year-changes"
SIDEBAR = "side-column"
SIDEBAR_TOGGLE = "side-column-toggle"
SIDEBAR_CLOSE = "side-column-close"
SIDEBAR_OPEN = "side-column-open"
NETWORK_DRAWN = "network-drawn"
SHOW = "show-switch"  # Chart | Table
CHART_AREA = "chart-area"
TABLE = "table-grid"
TABLE_BOX = "table-box"
TABLE_TITLE = "table-title"
TABLE_FILTER = "table-filter"
TABLE_CSV = "table-csv-button"
TABLE_DOWNLOAD = "table-download"
NAV_TOGGLE = "nav-toggle"  # the menu button of the navigation bar on a phone
NAV_LINKS = "nav-links"
