import {connect} from 'react-redux';
import type {Dispatch} from 'redux';

import type {GlobalState} from '@mattermost/types/store';

import {notice, viewChosen} from '../../actions';
import type {SidebarView} from '../../actions';
import {getChannelLabel, getCurrentChannel, getNotice, getView} from '../../selectors';

import Sidebar from './sidebar';

function mapStateToProps(state: GlobalState) {
    const channel = getCurrentChannel(state);
    return {
        channelId: channel?.id,
        channelName: (channel && getChannelLabel(state, channel).name) || undefined,
        notice: getNotice(state),
        view: getView(state),
    };
}

function mapDispatchToProps(dispatch: Dispatch) {
    return {
        onDismissNotice: () => dispatch(notice(null)),
        onChooseView: (view: SidebarView) => dispatch(viewChosen(view)),
    };
}

export default connect(mapStateToProps, mapDispatchToProps)(Sidebar);
