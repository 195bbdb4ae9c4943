import {connect} from 'react-redux';
import type {Dispatch} from 'redux';

import type {GlobalState} from '@mattermost/types/store';

import {notice} from '../../actions';
import {getCurrentChannel, getNotice} from '../../selectors';

import Sidebar from './sidebar';

function mapStateToProps(state: GlobalState) {
    const channel = getCurrentChannel(state);
    return {
        channelId: channel?.id,
        channelName: channel?.display_name || undefined,
        notice: getNotice(state),
    };
}

function mapDispatchToProps(dispatch: Dispatch) {
    return {
        onDismissNotice: () => dispatch(notice(null)),
    };
}

export default connect(mapStateToProps, mapDispatchToProps)(Sidebar);
